import { encodeWav, openWav, type WavReader } from '../../media/wav';
import type { TranscriptionProvider } from '../../providers/transcription/transcription-provider';
import { mapLimited } from '../map-limited';
import type { StepContext } from '../step-context';
import { alignTranscript } from './align-transcript';
import { playableCues, sentenceCues, type Cue, type SentenceCues } from './subtitle-cues';

/**
 * Narration goes out in pieces of about this length, cut between sentences: small requests retry
 * cheaply and run in parallel, the alignment of each stays quick, and no piece nears the 25 MB limit.
 */
export const CHUNK_SECONDS = 90;

/** Consecutive sentences grouped into pieces of at most `maxSeconds` (a longer sentence goes alone). */
export function chunkSentences(sentences: readonly SentenceCues[], maxSeconds: number): SentenceCues[][] {
  const chunks: SentenceCues[][] = [];
  for (const sentence of sentences) {
    const last = chunks[chunks.length - 1];
    if (last && sentence.end - last[0].start <= maxSeconds) last.push(sentence);
    else chunks.push([sentence]);
  }
  return chunks;
}

/**
 * Cues timed from a transcription of the narration itself: each piece of narration.wav is
 * transcribed, its word times shifted to film time and aligned with the script's cue text.
 */
export async function transcribedCues(context: StepContext, transcriber: TranscriptionProvider): Promise<Cue[]> {
  const narration = await openWav(await context.input('voice', 'narration.wav'));
  try {
    return await transcribeInPieces(context, transcriber, narration);
  } finally {
    await narration.close();
  }
}

async function transcribeInPieces(context: StepContext, transcriber: TranscriptionProvider, narration: WavReader): Promise<Cue[]> {
  const { film } = context;
  const bytesPerSecond = narration.sampleRate * 2;
  const maxSeconds = Math.min(CHUNK_SECONDS, (transcriber.maxAudioBytes - 1024) / bytesPerSecond);
  const chunks = chunkSentences(sentenceCues(film.scenes, film.options.language), maxSeconds);
  let done = 0;
  const timed = await mapLimited(
    chunks,
    context.config.RENDER_CONCURRENCY,
    async (chunk, index) => {
      const start = chunk[0].start;
      const end = chunk[chunk.length - 1].end;
      const first = Math.round(start * narration.sampleRate) * 2;
      const last = Math.round(end * narration.sampleRate) * 2;
      const audio = encodeWav({ sampleRate: narration.sampleRate, samples: await narration.read(first, last) });
      const words = await transcriber.transcribe({ audio, fileName: `narration-${index + 1}.wav`, language: film.options.language, signal: context.signal });
      done += 1;
      context.progress((95 * done) / chunks.length);
      return alignTranscript(chunk, words.map((word) => ({ ...word, start: word.start + start, end: word.end + start })));
    },
    context.signal,
  );
  return playableCues(timed.flat());
}
