import { z } from 'zod';
import type OpenAI from 'openai';
import { toFile } from 'openai';
import { callProvider } from '../provider-error';
import { wordsFromSegments } from './timed-words';
import type { TimedWord, TranscriptionProvider, TranscriptionRequest } from './transcription-provider';

const seconds = z.number().finite().min(0);
// Only the fields the timing needs: self-hosted servers (faster-whisper, LocalAI, vLLM) fill the rest unevenly.
const verboseAnswer = z
  .object({
    words: z.array(z.object({ word: z.string(), start: seconds, end: seconds })).optional(),
    segments: z.array(z.object({ text: z.string(), start: seconds, end: seconds })).optional(),
  })
  .refine((answer) => answer.words !== undefined || answer.segments !== undefined, 'it has neither words nor segments (does the server support response_format verbose_json?)');

/**
 * OpenAI audio/transcriptions (or a compatible server) with `verbose_json` timestamps. Word times
 * are asked for and used when given; a server that times only segments still serves.
 */
export class OpenAITranscriber implements TranscriptionProvider {
  readonly name = 'openai';
  readonly maxAudioBytes = 25 * 1024 * 1024;

  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    private readonly timeoutMs?: number,
  ) {}

  transcribe(request: TranscriptionRequest): Promise<TimedWord[]> {
    return callProvider('subtitles', this.name, request.signal, async () => {
      const answer: unknown = await this.client.audio.transcriptions.create(
        {
          file: await toFile(request.audio, request.fileName, { type: 'audio/wav' }),
          model: this.model,
          // ISO-639-1 is what the endpoint takes; naming the language spares it guessing from the audio.
          language: request.language.split('-')[0].toLowerCase(),
          response_format: 'verbose_json',
          timestamp_granularities: ['word', 'segment'],
          temperature: 0,
        },
        { signal: request.signal },
      );
      const parsed = verboseAnswer.safeParse(answer);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`answer is not a verbose_json transcription${issue.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue.message}`);
      }
      const { words, segments } = parsed.data;
      if (words?.length) return words.map((w) => ({ text: w.word.trim(), start: w.start, end: Math.max(w.start, w.end) }));
      return wordsFromSegments(segments ?? []);
    }, this.timeoutMs);
  }
}
