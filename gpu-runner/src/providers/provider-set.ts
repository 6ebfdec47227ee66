import type { RunnerConfig } from '../config/runner-config';
import { AnthropicScriptAnalyser } from './analysis/anthropic-script-analyser';
import type { AnalysisProvider } from './analysis/analysis-provider';
import { LocalScriptAnalyser } from './analysis/local-script-analyser';
import { OpenAIScriptAnalyser } from './analysis/openai-script-analyser';
import type { ImageProvider } from './image/image-provider';
import { LocalStoryboardRenderer } from './image/local-storyboard-renderer';
import { OpenAIImageProvider } from './image/openai-image-provider';
import { createAnthropicClient, createElevenLabsClient, createOpenAIClient } from './remote-clients';
import { ElevenLabsVoice } from './voice/elevenlabs-voice';
import { EspeakVoice } from './voice/espeak-voice';
import { OpenAISpeechVoice } from './voice/openai-speech-voice';
import type { VoiceProvider } from './voice/voice-provider';

export interface ProviderSet {
  analysis: AnalysisProvider;
  images: ImageProvider;
  voice: VoiceProvider;
}

/** One provider per step, chosen by ANALYSIS_PROVIDER, IMAGE_PROVIDER and VOICE_PROVIDER. */
export function createProviders(config: RunnerConfig): ProviderSet {
  const analysis: AnalysisProvider =
    config.ANALYSIS_PROVIDER === 'openai'
      ? new OpenAIScriptAnalyser(createOpenAIClient(config), config.OPENAI_ANALYSIS_MODEL)
      : config.ANALYSIS_PROVIDER === 'anthropic'
        ? new AnthropicScriptAnalyser(createAnthropicClient(config), config.ANTHROPIC_MODEL)
        : new LocalScriptAnalyser();
  const images: ImageProvider =
    config.IMAGE_PROVIDER === 'openai'
      ? new OpenAIImageProvider(createOpenAIClient(config), config.OPENAI_IMAGE_MODEL, config.PROVIDER_TIMEOUT_MS)
      : new LocalStoryboardRenderer(config.RENDER_CONCURRENCY);
  const voice: VoiceProvider =
    config.VOICE_PROVIDER === 'openai'
      ? new OpenAISpeechVoice(createOpenAIClient(config), config.OPENAI_TTS_MODEL, config.OPENAI_TTS_VOICE)
      : config.VOICE_PROVIDER === 'elevenlabs'
        ? new ElevenLabsVoice(createElevenLabsClient(config), config.ELEVENLABS_MODEL, config.ELEVENLABS_VOICE_ID)
        : new EspeakVoice(config.ESPEAK_PATH);
  return { analysis, images, voice };
}
