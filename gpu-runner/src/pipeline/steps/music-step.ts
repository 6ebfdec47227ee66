import type { Mood } from '@afs/contracts';
import { runFfmpeg, type FfmpegInput } from '../../media/run-ffmpeg';
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
 * expressions), each partial doubled slightly sharp for width, under a tremolo, with fades.
 */
function passageFilter(recipe: Recipe, duration: number, first: boolean, label: string, addInput: (source: string) => number): string {
  const d = duration.toFixed(3);
  const parts: string[] = [];
  const voices: string[] = [];
  recipe.chord.forEach(([frequency, amplitude], i) => {
    for (const [detune, gain] of [[1, 1], [1.003, 0.5]] as const) {
      const input = addInput(`sine=frequency=${(frequency * detune).toFixed(2)}:sample_rate=${MUSIC_SAMPLE_RATE}:duration=${d}`);
      parts.push(`[${input}:a]volume=${(amplitude * gain * 0.5).toFixed(3)}[${label}v${i}${gain === 1 ? 'a' : 'b'}]`);
      voices.push(`[${label}v${i}${gain === 1 ? 'a' : 'b'}]`);
    }
  });
  if (recipe.noise > 0) {
    const input = addInput(`anoisesrc=color=pink:amplitude=${recipe.noise}:r=${MUSIC_SAMPLE_RATE}:d=${d}`);
    parts.push(`[${input}:a]lowpass=f=600[${label}n]`);
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

export const musicStep: PipelineStep = {
  name: 'music',
  async run(context) {
    const { film } = context;
    if (!film.options.music) {
      context.progress(100);
      return { film, files: [], provider: 'none (music off)' };
    }
    const passages = musicPassages(film.scenes);
    const inputs: FfmpegInput[] = [];
    const addInput = (source: string) => inputs.push({ path: source, format: 'lavfi' }) - 1;
    const filters = passages.map((passage, i) => passageFilter(moodRecipe(passage.mood), passage.duration, i === 0, `p${i}`, addInput));
    filters.push(`${passages.map((_, i) => `[p${i}]`).join('')}concat=n=${passages.length}:v=0:a=1[music]`);
    await runFfmpeg({
      inputs,
      complexFilter: filters.join(';'),
      outputOptions: ['-y', '-map', '[music]', '-ac', '1', '-c:a', 'pcm_s16le'],
      output: 'music.wav',
      cwd: context.workDir,
      ffmpegPath: context.config.FFMPEG_PATH,
      signal: context.signal,
      onProgress: (seconds) => context.progress(Math.min(99, (seconds / (film.duration ?? 1)) * 100)),
    });
    context.progress(100);
    return { film, files: ['music.wav'], provider: 'local (ffmpeg audio sources)' };
  },
};
