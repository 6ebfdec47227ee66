import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '../../media/run-ffmpeg';
import { frameSize } from '../frame-size';
import { mapLimited } from '../map-limited';
import type { PipelineStep } from '../step-context';

export const sceneImageName = (index: number) => `scene-${String(index + 1).padStart(3, '0')}.png`;

function isPngOfSize(image: Buffer, width: number, height: number): boolean {
  return image.length > 24 && image.readUInt32BE(0) === 0x89504e47 && image.readUInt32BE(16) === width && image.readUInt32BE(20) === height;
}

export const imagesStep: PipelineStep = {
  name: 'images',
  async run(context) {
    const { film, providers, workDir } = context;
    const { width, height } = frameSize(film.options.aspectRatio, film.options.resolution);
    let done = 0;
    const names = await mapLimited(
      film.scenes,
      context.config.RENDER_CONCURRENCY,
      async (scene) => {
        const image = await providers.images.render({
          index: scene.index,
          heading: scene.heading,
          visual: scene.visual,
          narration: scene.narration,
          mood: scene.mood,
          keywords: scene.keywords,
          style: film.options.style,
          language: film.options.language,
          width,
          height,
          signal: context.signal,
        });
        const name = sceneImageName(scene.index);
        const path = join(workDir, name);
        if (isPngOfSize(image, width, height)) {
          await writeFile(path, image);
        } else {
          // Stills are fitted to the frame once here, so compose never scales per frame.
          const raw = join(workDir, `${name}.source`);
          await writeFile(raw, image);
          await runFfmpeg({
            inputs: [{ path: raw }],
            outputOptions: ['-y', '-vf', `scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},setsar=1`, '-frames:v', '1', '-update', '1'],
            output: path,
            ffmpegPath: context.config.FFMPEG_PATH,
            signal: context.signal,
          }).catch((error: Error) => {
            throw new Error(`images step could not read the image from provider ${providers.images.name}: ${error.message}`);
          });
        }
        done += 1;
        context.progress((done / film.scenes.length) * 100);
        return name;
      },
      context.signal,
    ).finally(() => providers.images.close());
    // Closed here, not at the end: the rasteriser processes would otherwise hold memory through compose.
    const scenes = film.scenes.map((scene, i) => ({ ...scene, image: context.store.key('images', names[i]) }));
    return { film: { ...film, scenes }, files: names, provider: providers.images.name };
  },
};
