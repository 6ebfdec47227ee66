/* eslint-disable @typescript-eslint/no-require-imports */
import { hasOpenAIEndpoint, type RunnerConfig } from '../config/runner-config';
import type { AnalysisProvider } from './analysis/analysis-provider';
import { LocalScriptAnalyser } from './analysis/local-script-analyser';
import type { ImageProvider } from './image/image-provider';
import { LocalStoryboardRenderer } from './image/local-storyboard-renderer';
import type { TranscriptionProvider } from './transcription/transcription-provider';
import { EspeakVoice } from './voice/espeak-voice';
import type { VoiceProvider } from './voice/voice-provider';

export interface ProviderSet {
  analysis: AnalysisProvider;
  images: ImageProvider;
  voice: VoiceProvider;
  /** Absent when subtitles keep the voice step's timings; see TRANSCRIPTION_PROVIDER for when it is used. */
  transcription?: TranscriptionProvider;
}

// Vendor SDKs load only when chosen: the ElevenLabs SDK alone adds ~95 MB to the runner's memory.

function openAIClient(config: RunnerConfig) {
  return (require('./openai-client') as typeof import('./openai-client')).createOpenAIClient(config);
}

function analysisProvider(config: RunnerConfig): AnalysisProvider {
  switch (config.ANALYSIS_PROVIDER) {
    case 'openai': {
      const { OpenAIScriptAnalyser } = require('./analysis/openai-script-analyser') as typeof import('./analysis/openai-script-analyser');
      return new OpenAIScriptAnalyser(openAIClient(config), config.OPENAI_ANALYSIS_MODEL, config.PROVIDER_TIMEOUT_MS);
    }
    case 'anthropic': {
      const { AnthropicScriptAnalyser } = require('./analysis/anthropic-script-analyser') as typeof import('./analysis/anthropic-script-analyser');
      const { createAnthropicClient } = require('./anthropic-client') as typeof import('./anthropic-client');
      return new AnthropicScriptAnalyser(createAnthropicClient(config), config.ANTHROPIC_MODEL, config.PROVIDER_TIMEOUT_MS);
    }
    case 'local':
      return new LocalScriptAnalyser();
  }
}

function imageProvider(config: RunnerConfig): ImageProvider {
  switch (config.IMAGE_PROVIDER) {
    case 'openai': {
      const { OpenAIImageProvider } = require('./image/openai-image-provider') as typeof import('./image/openai-image-provider');
      return new OpenAIImageProvider(openAIClient(config), config.OPENAI_IMAGE_MODEL, config.PROVIDER_TIMEOUT_MS);
    }
    case 'local':
      return new LocalStoryboardRenderer(config.RENDER_CONCURRENCY);
  }
}

function voiceProvider(config: RunnerConfig): VoiceProvider {
  switch (config.VOICE_PROVIDER) {
    case 'openai': {
      const { OpenAISpeechVoice } = require('./voice/openai-speech-voice') as typeof import('./voice/openai-speech-voice');
      return new OpenAISpeechVoice(openAIClient(config), config.OPENAI_TTS_MODEL, config.OPENAI_TTS_VOICE, config.PROVIDER_TIMEOUT_MS);
    }
    case 'elevenlabs': {
      const { ElevenLabsVoice } = require('./voice/elevenlabs-voice') as typeof import('./voice/elevenlabs-voice');
      const { createElevenLabsClient } = require('./elevenlabs-client') as typeof import('./elevenlabs-client');
      return new ElevenLabsVoice(createElevenLabsClient(config), config.ELEVENLABS_MODEL, config.ELEVENLABS_VOICE_ID, config.PROVIDER_TIMEOUT_MS);
    }
    case 'local':
      return new EspeakVoice(config.ESPEAK_PATH);
  }
}

function transcriptionProvider(config: RunnerConfig): TranscriptionProvider | undefined {
  const wanted = config.TRANSCRIPTION_PROVIDER === 'openai' || (config.TRANSCRIPTION_PROVIDER === 'auto' && hasOpenAIEndpoint(config));
  if (!wanted) return undefined;
  const { OpenAITranscriber } = require('./transcription/openai-transcriber') as typeof import('./transcription/openai-transcriber');
  return new OpenAITranscriber(openAIClient(config), config.OPENAI_TRANSCRIPTION_MODEL, config.PROVIDER_TIMEOUT_MS);
}

/** One provider per step, chosen by ANALYSIS_PROVIDER, IMAGE_PROVIDER, VOICE_PROVIDER and TRANSCRIPTION_PROVIDER. */
export function createProviders(config: RunnerConfig): ProviderSet {
  return { analysis: analysisProvider(config), images: imageProvider(config), voice: voiceProvider(config), transcription: transcriptionProvider(config) };
}
