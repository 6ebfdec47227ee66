import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '../../media/run-ffmpeg';
import { fontFilesFor } from '../../providers/image/fonts';
import { ResvgPool } from '../../providers/image/resvg-pool';
import { buildTitleCardSvg } from '../../providers/image/title-card-svg';
import { thumbnailSize } from '../frame-size';
import type { PipelineStep } from '../step-context';
import { sceneImageName } from './images-step';

function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export const thumbnailStep: PipelineStep = {
  name: 'thumbnail',
  async run(context) {
    const { film } = context;
    const size = thumbnailSize(film.options.aspectRatio);
    const background = await readFile(await context.input('images', sceneImageName(0)));
    const subtitle = [film.options.style, `${film.scenes.length} ${film.scenes.length === 1 ? 'scene' : 'scenes'}`, film.duration ? formatDuration(film.duration) : '']
      .filter(Boolean)
      .join(' · ');
    const svg = buildTitleCardSvg({ title: film.title, subtitle, style: film.options.style, language: film.options.language, ...size, backgroundPng: background });
    const pool = new ResvgPool(1);
    try {
      const png = await pool.render(svg, fontFilesFor(film.title), context.signal);
      await writeFile(join(context.workDir, 'thumbnail.png'), png);
    } finally {
      await pool.close();
    }
    context.progress(60);
    await runFfmpeg({
      inputs: [{ path: 'thumbnail.png' }],
      outputOptions: ['-y', '-frames:v', '1', '-q:v', '3', '-update', '1'],
      output: 'thumbnail.jpg',
      cwd: context.workDir,
      ffmpegPath: context.config.FFMPEG_PATH,
      signal: context.signal,
    });
    context.progress(100);
    return { film, files: ['thumbnail.jpg'], provider: 'local (title card)' };
  },
};
