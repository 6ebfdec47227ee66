import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { callProvider } from '../provider-error';
import type { SpeechRequest, VoiceProvider } from './voice-provider';

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** ElevenLabs text-to-speech answering MP3; the voice step decodes it. */
export class ElevenLabsVoice implements VoiceProvider {
  readonly name = 'elevenlabs';
  readonly maxInputChars = 5000;

  constructor(
    private readonly client: ElevenLabsClient,
    private readonly model: string,
    private readonly defaultVoiceId: string,
    private readonly timeoutMs?: number,
  ) {}

  synthesize(request: SpeechRequest): Promise<Buffer> {
    return callProvider('voice', this.name, request.signal, async () => {
      const voiceId = request.voice === 'default' ? this.defaultVoiceId : request.voice;
      const stream = await this.client.textToSpeech.convert(
        voiceId,
        {
          text: request.text,
          modelId: this.model,
          outputFormat: 'mp3_44100_128',
          // ElevenLabs accepts speeds from 0.7 to 1.2 only.
          voiceSettings: { speed: Math.min(1.2, Math.max(0.7, request.rate)) },
        },
        { abortSignal: request.signal },
      );
      const audio = await readAll(stream);
      if (audio.length < 64) throw new Error(`answer holds ${audio.length} bytes, not audio`);
      return audio;
    }, this.timeoutMs);
  }
}
