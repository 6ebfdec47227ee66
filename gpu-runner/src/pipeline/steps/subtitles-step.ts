import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCues, toSrt, toVtt } from '../subtitles/subtitle-cues';
import type { PipelineStep } from '../step-context';

export const subtitlesStep: PipelineStep = {
  name: 'subtitles',
  async run(context) {
    const { film } = context;
    const cues = buildCues(film.scenes, film.options.language);
    await writeFile(join(context.workDir, 'subtitles.srt'), toSrt(cues));
    await writeFile(join(context.workDir, 'subtitles.vtt'), toVtt(cues));
    context.progress(100);
    return { film, files: ['subtitles.srt', 'subtitles.vtt'], provider: `${context.providers.voice.name} voice timings` };
  },
};
