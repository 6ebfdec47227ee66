import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mood } from '@afs/contracts';
import { runFfmpeg } from '../../media/run-ffmpeg';
import { moodRecipe, type Recipe } from '../music/music-recipe';
import type { PipelineStep } from '../step-context';

export const MUSIC_SAMPLE_RATE = 24000;
const FADE = 1.5;

/** Consecutive scenes of one mood share a passage, so the music does not restart at every cut. */
export function musicPassages(scenes: { mood: Mood; duration?: number }[]): { mood: Mood; duration: number }[] {
  const passages: { mood: Mood; duration: number }[] = [];
  for (const scene of scenes) {
    const last = passages[passages.length - 1];
    if (last && last.mood === scene.mood) last.duration += scene.duration ?? 0;
    else passages.push({ mood: scene.mood, duration: scene.duration ?? 0 });
  }
  return passages.filter((p) => p.duration > 0);
}

/**
 * A passage: the mood's chord from ffmpeg sine sources (table-driven, far cheaper than aevalsrc
 * expressions), each partial doubled slightly sharp for width, under a tremolo, with fades. The
 * sources live inside the filter graph, not as inputs: every input gets its own demuxer and thread,
 * and a 97-minute film's 1,900 of them held 975 MB.
 */
function passageFilter(recipe: Recipe, duration: number, first: boolean, label: string): string {
  const d = duration.toFixed(3);
  const parts: string[] = [];
  const voices: string[] = [];
  recipe.chord.forEach(([frequency, amplitude], i) => {
    for (const [detune, gain] of [[1, 1], [1.003, 0.5]] as const) {
      const voice = `${label}v${i}${gain === 1 ? 'a' : 'b'}`;
      parts.push(`sine=frequency=${(frequency * detune).toFixed(2)}:sample_rate=${MUSIC_SAMPLE_RATE}:duration=${d},volume=${(amplitude * gain * 0.5).toFixed(3)}[${voice}]`);
      voices.push(`[${voice}]`);
    }
  });
  if (recipe.noise > 0) {
    parts.push(`anoisesrc=color=pink:amplitude=${recipe.noise}:r=${MUSIC_SAMPLE_RATE}:d=${d},lowpass=f=600[${label}n]`);
    voices.push(`[${label}n]`);
  }
  const fadeIn = first ? 0.5 : Math.min(FADE, duration / 3);
  const fadeOut = Math.min(FADE, duration / 3);
  parts.push(
    `${voices.join('')}amix=inputs=${voices.length}:normalize=0,tremolo=f=${Math.max(0.1, recipe.pulse[0])}:d=${recipe.pulse[1]},` +
      `afade=t=in:d=${fadeIn.toFixed(2)},afade=t=out:st=${(duration - fadeOut).toFixed(3)}:d=${fadeOut.toFixed(2)}[${label}]`,
  );
  return parts.join(';');
}

/**
 * Passages one ffmpeg process draws. Each passage's filters hold tables (a slow tremolo's is over a
 * megabyte), so a 97-minute film drawn in one graph held 773 MB; drawn 16 passages at a time and
 * joined without re-encoding, it stays small.
 */
const PASSAGES_PER_PROCESS = 16;

export const musicStep: PipelineStep = {
  name: 'music',
  async run(context) {
    const { film } = context;
    if (!film.options.music) {
      context.progress(100);
      return { film, files: [], provider: 'none (music off)' };
    }
    const passages = musicPassages(film.scenes);
    const common = { cwd: context.workDir, ffmpegPath: context.config.FFMPEG_PATH, signal: context.signal };
    const pieces: string[] = [];
    let secondsDone = 0;
    for (let first = 0; first < passages.length; first += PASSAGES_PER_PROCESS) {
      const group = passages.slice(first, first + PASSAGES_PER_PROCESS);
      const filters = group.map((passage, i) => passageFilter(moodRecipe(passage.mood), passage.duration, first + i === 0, `p${i}`));
      filters.push(`${group.map((_, i) => `[p${i}]`).join('')}concat=n=${group.length}:v=0:a=1[music]`);
      const piece = passages.length <= PASSAGES_PER_PROCESS ? 'music.wav' : `music-${String(pieces.length).padStart(4, '0')}.wav`;
      const offset = secondsDone;
      await runFfmpeg({
        ...common,
        inputs: [],
        complexFilter: filters.join(';'),
        outputOptions: ['-y', '-map', '[music]', '-ac', '1', '-c:a', 'pcm_s16le'],
        output: piece,
        onProgress: (seconds) => context.progress(Math.min(99, ((offset + seconds) / (film.duration ?? 1)) * 100)),
      });
      pieces.push(piece);
      secondsDone += group.reduce((sum, passage) => sum + passage.duration, 0);
    }
    if (pieces.length > 1) {
      await writeFile(join(context.workDir, 'music-pieces.txt'), pieces.map((piece) => `file '${piece}'`).join('\n') + '\n');
      await runFfmpeg({ ...common, inputs: [{ path: 'music-pieces.txt', format: 'concat', options: ['-safe', '0'] }], outputOptions: ['-y', '-c', 'copy'], output: 'music.wav' });
      await Promise.all(pieces.map((piece) => rm(join(context.workDir, piece), { force: true })));
    }
    context.progress(100);
    return { film, files: ['music.wav'], provider: 'local (ffmpeg audio sources)' };
  },
};
