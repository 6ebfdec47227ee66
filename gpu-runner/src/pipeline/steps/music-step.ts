import type { Mood } from '@afs/contracts';
import { runFfmpeg, type FfmpegInput } from '../../media/run-ffmpeg';
import { moodExpression, moodNoise } from '../music/music-recipe';
import type { PipelineStep } from '../step-context';

export const MUSIC_SAMPLE_RATE = 44100;
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
    const filters: string[] = [];
    passages.forEach((passage, i) => {
      const d = passage.duration.toFixed(3);
      inputs.push({ path: `aevalsrc='${moodExpression(passage.mood)}':s=${MUSIC_SAMPLE_RATE}:d=${d}`, format: 'lavfi' });
      const fadeIn = i === 0 ? 0.5 : Math.min(FADE, passage.duration / 3);
      const fadeOut = Math.min(FADE, passage.duration / 3);
      let chain = `[${inputs.length - 1}:a]`;
      const noise = moodNoise(passage.mood);
      if (noise > 0) {
        inputs.push({ path: `anoisesrc=color=pink:amplitude=${noise}:r=${MUSIC_SAMPLE_RATE}:d=${d}`, format: 'lavfi' });
        filters.push(`[${inputs.length - 1}:a]lowpass=f=600[n${i}]`);
        chain += `[n${i}]amix=inputs=2:normalize=0,`;
      }
      filters.push(`${chain}afade=t=in:d=${fadeIn.toFixed(2)},afade=t=out:st=${(passage.duration - fadeOut).toFixed(3)}:d=${fadeOut.toFixed(2)}[p${i}]`);
    });
    filters.push(`${passages.map((_, i) => `[p${i}]`).join('')}concat=n=${passages.length}:v=0:a=1,lowpass=f=5000[music]`);
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
