import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg, type FfmpegInput } from '../../media/run-ffmpeg';
import { masterFilter, parseIntegratedLoudness, premixFilter, TARGET_LUFS } from '../compose/audio-mix';
import { partGraph } from '../compose/part-graph';
import { mp4Language } from '../compose/mp4-language';
import { partLayout } from '../compose/part-layout';
import { planComposition, type CompositionPlan, type Part } from '../compose/segment-plan';
import { BLANK_CANVAS, blankCanvas, BURNED_SUBTITLES, stripList, subtitleChanges, subtitleStripFilters } from '../compose/subtitle-strips';
import { srtForLibass, srtForMovText } from '../compose/subtitle-text-escape';
import { frameSize } from '../frame-size';
import { mapLimited } from '../map-limited';
import type { PipelineStep, StepContext } from '../step-context';
import { sceneImageName } from './images-step';

/** The soft subtitle track's source: the SRT with its text escaped (srtForMovText), stored as written. */
const SOFT_SUBTITLES = 'soft-subtitles.srt';

// One timescale every frame rate divides, so the joined segments keep exact frame timestamps.
const TIMESCALE = 90000;

/** A part's files are named by its first frame: `part-0000450.mp4`, `strips-0000450.txt`. */
const partFile = (kind: 'part' | 'strips', part: Part) => `${kind}-${String(part.startFrame).padStart(7, '0')}.${kind === 'part' ? 'mp4' : 'txt'}`;

/** One encoder process per part: its segments are drawn and joined inside one filter graph. */
async function encodePart(context: StepContext, plan: CompositionPlan, part: Part, changes: number[] | undefined, onFrames: (frames: number) => void): Promise<void> {
  const { film } = context;
  const size = frameSize(film.options.aspectRatio, film.options.resolution);
  const fps = plan.fps;
  const graph = partGraph(plan, part, size);
  const inputs: FfmpegInput[] = graph.stills.map((scene) => ({ path: sceneImageName(scene) }));
  const filters = [...graph.filters];
  let last = graph.output;
  if (changes) {
    const list = partFile('strips', part);
    await writeFile(join(context.workDir, list), stripList(changes, part, fps));
    filters.push(...subtitleStripFilters(inputs.length, last, 'subbed', part, size, fps));
    inputs.push({ path: list, format: 'concat', options: ['-safe', '0'] });
    last = 'subbed';
  }
  await runFfmpeg({
    inputs,
    complexFilter: filters.join(';'),
    outputOptions: ['-y', '-map', `[${last}]`, '-frames:v', String(part.frames), '-r', String(fps), ...context.encoder.options, '-video_track_timescale', String(TIMESCALE), '-an'],
    output: partFile('part', part),
    cwd: context.workDir,
    ffmpegPath: context.config.FFMPEG_PATH,
    signal: context.signal,
    onProgress: (done) => onFrames(Math.min(part.frames, Math.round(done * fps))),
  });
}

/**
 * Premixes voice and ducked music once (measuring it), sets the gain for TARGET_LUFS, measures
 * again through the limiter (which takes a little off the peaks) and corrects once, then encodes.
 */
async function mixAudio(context: StepContext, narration: string, music: string | undefined): Promise<void> {
  const { film } = context;
  const common = { cwd: context.workDir, ffmpegPath: context.config.FFMPEG_PATH, signal: context.signal };
  const premixLog = await runFfmpeg({
    ...common,
    inputs: [{ path: narration }, ...(music ? [{ path: music }] : [])],
    complexFilter: premixFilter({ music: music !== undefined, musicLevel: film.options.musicLevel }),
    outputOptions: ['-y', '-map', '[mix]', '-c:a', 'pcm_s16le'],
    output: 'premix.wav',
  });
  let gain = 0;
  const first = parseIntegratedLoudness(premixLog);
  if (first !== undefined) {
    gain = TARGET_LUFS - first;
    const limited = parseIntegratedLoudness(
      await runFfmpeg({ ...common, inputs: [{ path: 'premix.wav' }], outputOptions: ['-af', masterFilter(gain, true), '-f', 'null'], output: '-' }),
    );
    if (limited !== undefined) gain += TARGET_LUFS - limited;
  }
  await runFfmpeg({
    ...common,
    inputs: [{ path: 'premix.wav' }],
    outputOptions: ['-y', '-af', masterFilter(Math.max(-30, Math.min(30, gain)), false), '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '96k', '-f', 'mp4'],
    output: 'audio.m4a',
  });
}

export const composeStep: PipelineStep = {
  name: 'compose',
  async run(context) {
    const { film } = context;
    const fps = film.options.fps;
    const size = frameSize(film.options.aspectRatio, film.options.resolution);
    const { slots, scenesPerPart } = partLayout(size, film.scenes.length, context.config.RENDER_CONCURRENCY, context.config.RENDER_MEMORY_MB);
    const plan = planComposition(film.scenes, fps, film.duration ?? 0, scenesPerPart);
    await Promise.all(film.scenes.map((scene) => context.input('images', sceneImageName(scene.index))));
    const narration = await context.input('voice', 'narration.wav');
    const music = film.options.music && film.options.musicLevel > 0 ? await context.input('music', 'music.wav') : undefined;
    const srt = film.options.subtitles === 'none' ? undefined : await context.input('subtitles', 'subtitles.srt');
    const cues = srt && (await readFile(srt, 'utf8'));
    let changes: number[] | undefined;
    if (cues && film.options.subtitles === 'burned') {
      changes = subtitleChanges(cues, fps);
      // No cue at all (a silent film): nothing to lay over the frames.
      if (changes.length === 1) changes = undefined;
      else {
        await writeFile(join(context.workDir, BLANK_CANVAS), blankCanvas());
        await writeFile(join(context.workDir, BURNED_SUBTITLES), srtForLibass(cues));
      }
    }
    if (cues && film.options.subtitles === 'soft') await writeFile(join(context.workDir, SOFT_SUBTITLES), srtForMovText(cues));

    const framesDone = new Map<number, number>();
    const report = () => context.progress((95 * [...framesDone.values()].reduce((a, b) => a + b, 0)) / plan.totalFrames);
    // The audio is light (one mono track): it runs beside the video encoders rather than taking a slot.
    await Promise.all([
      mixAudio(context, narration, music),
      mapLimited(
        plan.parts,
        slots,
        (part) =>
          encodePart(context, plan, part, changes, (frames) => {
            framesDone.set(part.startFrame, frames);
            report();
          }),
        context.signal,
      ),
    ]);

    const list = plan.parts.map((part) => `file '${partFile('part', part)}'`).join('\n');
    await writeFile(join(context.workDir, 'parts.txt'), `${list}\n`);
    const soft = film.options.subtitles === 'soft';
    const language = mp4Language(film.options.language);
    await runFfmpeg({
      inputs: [{ path: 'parts.txt', format: 'concat', options: ['-safe', '0'] }, { path: 'audio.m4a' }, ...(soft ? [{ path: SOFT_SUBTITLES }] : [])],
      outputOptions: [
        '-y',
        '-map', '0:v',
        '-map', '1:a',
        '-metadata:s:a:0', `language=${language}`,
        ...(soft ? ['-map', '2:s', '-c:s', 'mov_text', '-metadata:s:s:0', `language=${language}`] : []),
        '-c:v', 'copy',
        '-c:a', 'copy',
        '-movflags', '+faststart',
        '-metadata', `title=${film.title}`,
      ],
      output: 'film.mp4',
      cwd: context.workDir,
      ffmpegPath: context.config.FFMPEG_PATH,
      signal: context.signal,
    });
    await Promise.all(plan.parts.map((part) => rm(join(context.workDir, partFile('part', part)), { force: true })));
    context.progress(100);
    return { film, files: ['film.mp4'], provider: context.encoder.name };
  },
};
