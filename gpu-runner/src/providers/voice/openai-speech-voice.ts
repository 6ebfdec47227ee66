import type OpenAI from 'openai';
import { callProvider } from '../provider-error';
import type { SpeechRequest, VoiceProvider } from './voice-provider';

/** OpenAI audio/speech (or a compatible server such as LocalAI) answering WAV. */
export class OpenAISpeechVoice implements VoiceProvider {
  readonly name = 'openai';
  // OpenAI's own limit; self-hosted servers may accept more, but we keep to the strict one.
  readonly maxInputChars = 4096;

  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    private readonly defaultVoice: string,
    private readonly timeoutMs?: number,
  ) {}

  synthesize(request: SpeechRequest): Promise<Buffer> {
    return callProvider('voice', this.name, request.signal, async () => {
      const response = await this.client.audio.speech.create(
        {
          model: this.model,
          voice: request.voice === 'default' ? this.defaultVoice : request.voice,
          input: request.text,
          speed: Math.min(4, Math.max(0.25, request.rate)),
          response_format: 'wav',
        },
        { signal: request.signal },
      );
      const audio = Buffer.from(await response.arrayBuffer());
      if (audio.length < 64) throw new Error(`answer holds ${audio.length} bytes, not audio`);
      return audio;
    }, this.timeoutMs);
  }
}
