import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACING_RATE_LIMITS, type FilmDescription, type SceneDescription } from '@afs/contracts';
import { decodeToPcm, NARRATION_SAMPLE_RATE } from '../../media/decode-to-pcm';
import { pieceBytes, silence, writeWav, type Pcm, type WavPiece } from '../../media/wav';
import { ProviderError, describeError } from '../../providers/provider-error';
import type { VoiceProvider } from '../../providers/voice/voice-provider';
import { splitSentences } from '../../text/sentences';
import { mapLimited } from '../map-limited';
import type { PipelineStep, StepContext } from '../step-context';

/** Breath between sentences and after each scene, part of the narration (scenes last as long as it). */
export const SENTENCE_GAP = 0.25;
export const SCENE_TAIL = 0.6;

interface Take {
  /**
   * Per scene, per sentence: its samples wait in a file of their own, so a long script's narration
   * is never held in the runner (it kept the memory after the step, beside every encoder).
   */
  sentences: { text: string; piece: { file: string; bytes: number } }[][];
  speechSeconds: number;
  pauseSeconds: number;
}

/** Splits text longer than the provider takes at word boundaries (OpenAI speech stops at 4096 characters). */
function chunkForProvider(sentence: string, max: number): string[] {
  if (sentence.length <= max) return [sentence];
  const chunks: string[] = [];
  let current = '';
  for (const word of sentence.split(/(?<=\s)/)) {
    if (current.length + word.length > max && current) {
      chunks.push(current.trim());
      current = '';
    }
    current += word.length > max ? word.slice(0, max) : word;
  }
  if (current.trim()) chunks.push(current.trim());
  return chunks;
}

async function synthesizeAll(context: StepContext, voice: VoiceProvider, rate: number, share: [number, number], take: string): Promise<Take> {
  const { film } = context;
  const dir = join(context.workDir, 'voice-takes', take);
  await mkdir(dir, { recursive: true });
  const jobs = film.scenes.flatMap((scene) =>
    splitSentences(scene.narration, film.options.language).map((text) => ({ scene: scene.index, text })),
  );
  let done = 0;
  const spoken = await mapLimited(
    jobs,
    context.config.RENDER_CONCURRENCY,
    async (job, index) => {
      const parts: Pcm[] = [];
      for (const text of chunkForProvider(job.text, voice.maxInputChars)) {
        const audio = await voice.synthesize({ text, voice: film.options.voice, rate, language: film.options.language, signal: context.signal });
        try {
          parts.push(await decodeToPcm(audio, context.workDir, { ffmpegPath: context.config.FFMPEG_PATH, signal: context.signal }));
        } catch (error) {
          if (context.signal?.aborted) throw error;
          throw new ProviderError('voice', voice.name, `answer is not audio ffmpeg can read (${describeError(error)})`, { cause: error });
        }
      }
      done += 1;
      context.progress(share[0] + (share[1] - share[0]) * (done / jobs.length));
      const samples = Buffer.concat(parts.map((p) => p.samples));
      const file = join(dir, `${index}.pcm`);
      await writeFile(file, samples);
      return { text: job.text, piece: { file, bytes: samples.length } };
    },
    context.signal,
  );
  const sentences: Take['sentences'] = film.scenes.map(() => []);
  spoken.forEach((sentence, i) => sentences[jobs[i].scene].push(sentence));
  const speechSeconds = spoken.reduce((sum, sentence) => sum + sentence.piece.bytes / 2 / NARRATION_SAMPLE_RATE, 0);
  const pauseSeconds = sentences.reduce((sum, s) => sum + Math.max(0, s.length - 1) * SENTENCE_GAP + SCENE_TAIL, 0);
  return { sentences, speechSeconds, pauseSeconds };
}

/** One narration track, as its pieces in order, with exact sentence and scene timings from sample counts. */
function assemble(film: FilmDescription, take: Take): { pieces: WavPiece[]; scenes: SceneDescription[]; duration: number } {
  const pieces: WavPiece[] = [];
  const gap = silence(NARRATION_SAMPLE_RATE, SENTENCE_GAP);
  const tail = silence(NARRATION_SAMPLE_RATE, SCENE_TAIL);
  let samples = 0;
  const seconds = () => samples / NARRATION_SAMPLE_RATE;
  const push = (piece: WavPiece) => {
    pieces.push(piece);
    samples += pieceBytes(piece) / 2;
  };
  const scenes = film.scenes.map((scene, i) => {
    const start = seconds();
    const sentences = take.sentences[i].map((sentence, j) => {
      if (j > 0) push(gap);
      const sentenceStart = seconds();
      push(sentence.piece);
      return { text: sentence.text, start: round(sentenceStart), duration: round(seconds() - sentenceStart) };
    });
    push(tail);
    return { ...scene, start: round(start), duration: round(seconds() - start), sentences };
  });
  return { pieces, scenes, duration: round(seconds()) };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The rate that brings the speech (not the fixed pauses) to the target, kept within sane limits. */
export function pacedRate(currentRate: number, speechSeconds: number, pauseSeconds: number, target: number): number {
  const available = target - pauseSeconds;
  if (available <= 0) return PACING_RATE_LIMITS.max;
  return Math.min(PACING_RATE_LIMITS.max, Math.max(PACING_RATE_LIMITS.min, (currentRate * speechSeconds) / available));
}

export const voiceStep: PipelineStep = {
  name: 'voice',
  async run(context) {
    const { film, providers } = context;
    const voice = providers.voice;
    const target = film.options.targetDuration;
    let rate = film.options.speakingRate;
    const warnings = [...film.warnings];
    let take = await synthesizeAll(context, voice, rate, target ? [0, 50] : [0, 95], 'natural');
    if (target !== undefined) {
      const natural = take.speechSeconds + take.pauseSeconds;
      if (Math.abs(natural - target) / target > 0.05) {
        rate = pacedRate(rate, take.speechSeconds, take.pauseSeconds, target);
        take = await synthesizeAll(context, voice, rate, [50, 95], 'paced');
      }
      const reached = take.speechSeconds + take.pauseSeconds;
      if (Math.abs(reached - target) / target > 0.1) {
        warnings.push(
          `target duration ${target} s cannot be met: the narration runs ${reached.toFixed(1)} s at speaking rate ${rate.toFixed(2)}, ` +
            `the ${reached > target ? 'fastest' : 'slowest'} pace allowed (${PACING_RATE_LIMITS.min}..${PACING_RATE_LIMITS.max})`,
        );
      }
    }
    warnings.push(...(voice.notes?.() ?? []).filter((note) => !warnings.includes(note)));
    const { pieces, scenes, duration } = assemble(film, take);
    await writeWav(join(context.workDir, 'narration.wav'), NARRATION_SAMPLE_RATE, pieces);
    await rm(join(context.workDir, 'voice-takes'), { recursive: true, force: true });
    context.progress(100);
    return {
      film: { ...film, scenes, duration, warnings, options: { ...film.options } },
      files: ['narration.wav'],
      provider: voice.name,
    };
  },
};
