import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '../../media/run-ffmpeg';
import { masterFilter, parseIntegratedLoudness, premixFilter, TARGET_LUFS } from '../compose/audio-mix';
import { cameraMoveFor, kenBurnsFilter } from '../compose/ken-burns';
import { planComposition, type CompositionPlan, type Part, type Segment } from '../compose/segment-plan';
import { burnedSubtitleStyle } from '../compose/subtitle-style';
import { frameSize } from '../frame-size';
import { mapLimited } from '../map-limited';
import type { PipelineStep, StepContext } from '../step-context';
import { sceneImageName } from './images-step';

// One timescale every frame rate divides, so the joined segments keep exact frame timestamps.
const TIMESCALE = 90000;

function partName(part: Part): string {
  return `part-${String(part.startFrame).padStart(7, '0')}.mp4`;
}

/** What the runner itself holds during compose (Node, V8, buffers), measured on a 1080p render. */
const RUNNER_BASE_MB = 200;

const megapixels = (size: { width: number; height: number }) => (size.width * size.height) / 1e6;

/** libx264 (veryfast) takes about 80 MB plus 105 MB per megapixel of frame. */
const encoderMb = (size: { width: number; height: number }) => 80 + 105 * megapixels(size);

/**
 * Each further scene in one ffmpeg process keeps its filter chain's frame buffers until the process
 * ends: about 25 MB at 720p and 85 MB at 1080p were measured, so 40 MB per megapixel.
 */
const sceneMb = (size: { width: number; height: number }) => 40 * megapixels(size);

/**
 * Parallel encoders that fit the memory budget: 1080p gets one encoder on the default budget and
 * smaller frames get two.
 */
export function encoderSlots(size: { width: number; height: number }, concurrency: number, memoryMb: number): number {
  return Math.max(1, Math.min(concurrency, Math.floor((memoryMb - RUNNER_BASE_MB) / encoderMb(size))));
}

/**
 * How many encoders run at once and how many scenes each process renders. Every process pays an
 * ffmpeg, x264 and libass start-up and an opening keyframe, but every further scene in one process
 * adds to its memory; so the scenes are spread over the encoder slots in as few processes as the
 * budget holds. Measured on the 60-second example, against the eleven segment processes before:
 * at 480p two processes of four scenes side by side took 9.5 instead of 11.3 CPU-s and 5.0 instead
 * of 5.8 s, peaking at 445 MB instead of 375; at 720p about 1.5 CPU-s and 0.5 s less, but 640 MB
 * instead of 500, over the default budget, which therefore keeps one scene per process there and at 1080p.
 * Fewer processes one at a time saved CPU but lost wall time: one ffmpeg's main thread, which runs
 * every filter, cannot keep x264's frame threads fed.
 */
export function partLayout(size: { width: number; height: number }, scenes: number, concurrency: number, memoryMb: number): { slots: number; scenesPerPart: number } {
  const slots = encoderSlots(size, concurrency, memoryMb);
  const perSlot = (memoryMb - RUNNER_BASE_MB) / slots - encoderMb(size);
  const scenesPerPart = Math.max(1, Math.min(Math.ceil(scenes / slots), 1 + Math.floor(perSlot / sceneMb(size))));
  return { slots, scenesPerPart };
}

const seconds = (frames: number, fps: number) => (frames / fps).toFixed(6);

/** Filters drawing one segment from the scene stills into `[<label>]`; inputs are added as needed. */
function segmentFilters(context: StepContext, plan: CompositionPlan, segment: Segment, label: string, addInput: (path: string) => number): string[] {
  const size = frameSize(context.film.options.aspectRatio, context.film.options.resolution);
  const fps = plan.fps;
  const scene = plan.scenes[segment.scene];
  const move = (index: number, offset: number, frames: number, motionFrames: number) =>
    `[${addInput(sceneImageName(index))}:v]format=yuv420p,${kenBurnsFilter(cameraMoveFor(index), size, fps, offset, frames, motionFrames)},setsar=1`;
  if (segment.transitionFrames === 0) return [`${move(segment.scene, 0, segment.frames, scene.motionFrames)}[${label}]`];
  const previous = plan.scenes[segment.scene - 1];
  const t = segment.transitionFrames;
  return [
    `${move(segment.scene - 1, previous.frames, t, previous.motionFrames)}[${label}from]`,
    // xfade only works in 4:4:4 formats in ffmpeg 5.1: give it just the transition's frames, so the
    // rest of the segment stays 4:2:0 and is not converted twice per frame.
    `${move(segment.scene, 0, segment.frames, scene.motionFrames)},split[${label}head][${label}rest]`,
    `[${label}head]trim=end_frame=${t}[${label}to]`,
    `[${label}rest]trim=start_frame=${t},setpts=PTS-STARTPTS[${label}tail]`,
    `[${label}from][${label}to]xfade=transition=fade:duration=${seconds(t, fps)}:offset=0,format=yuv420p[${label}faded]`,
    `[${label}faded][${label}tail]concat=n=2:v=1:a=0[${label}]`,
  ];
}

/** One encoder process per part: its segments are drawn and joined inside one filter graph. */
async function encodePart(context: StepContext, plan: CompositionPlan, part: Part, onFrames: (frames: number) => void): Promise<void> {
  const { film } = context;
  const size = frameSize(film.options.aspectRatio, film.options.resolution);
  const fps = plan.fps;
  const inputs: { path: string }[] = [];
  const addInput = (path: string) => inputs.push({ path }) - 1;
  const filters = part.segments.flatMap((segment, k) => segmentFilters(context, plan, segment, `s${k}`, addInput));
  const labels = part.segments.map((_, k) => `[s${k}]`).join('');
  filters.push(part.segments.length > 1 ? `${labels}concat=n=${part.segments.length}:v=1:a=0[joined]` : `${labels}null[joined]`);
  let last = '[joined]';
  if (film.options.subtitles === 'burned') {
    // libass times cues by frame timestamps: shift them to film time while the subtitles are drawn.
    const shift = seconds(part.startFrame, fps);
    filters.push(`${last}setpts=PTS+${shift}/TB,subtitles=subtitles.srt:force_style='${burnedSubtitleStyle(size)}',setpts=PTS-STARTPTS[subbed]`);
    last = '[subbed]';
  }
  await runFfmpeg({
    inputs,
    complexFilter: filters.join(';'),
    outputOptions: ['-y', '-map', last, '-frames:v', String(part.frames), '-r', String(fps), ...context.encoder.options, '-video_track_timescale', String(TIMESCALE), '-an'],
    output: partName(part),
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
    outputOptions: ['-y', '-af', masterFilter(Math.max(-30, Math.min(30, gain)), false), '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '128k', '-f', 'mp4'],
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
    if (film.options.subtitles !== 'none') await context.input('subtitles', 'subtitles.srt');

    const framesDone = new Map<number, number>();
    const report = () => context.progress((95 * [...framesDone.values()].reduce((a, b) => a + b, 0)) / plan.totalFrames);
    // The audio is light (one mono track): it runs beside the video encoders rather than taking a slot.
    await Promise.all([
      mixAudio(context, narration, music),
      mapLimited(
        plan.parts,
        slots,
        (part) =>
          encodePart(context, plan, part, (frames) => {
            framesDone.set(part.startFrame, frames);
            report();
          }),
        context.signal,
      ),
    ]);

    const list = plan.parts.map((part) => `file '${partName(part)}'`).join('\n');
    await writeFile(join(context.workDir, 'parts.txt'), `${list}\n`);
    const soft = film.options.subtitles === 'soft';
    await runFfmpeg({
      inputs: [{ path: 'parts.txt', format: 'concat', options: ['-safe', '0'] }, { path: 'audio.m4a' }, ...(soft ? [{ path: 'subtitles.srt' }] : [])],
      outputOptions: [
        '-y',
        '-map', '0:v',
        '-map', '1:a',
        ...(soft ? ['-map', '2:s', '-c:s', 'mov_text', '-metadata:s:s:0', `language=${film.options.language.split('-')[0]}`] : []),
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
    await Promise.all(plan.parts.map((part) => rm(join(context.workDir, partName(part)), { force: true })));
    context.progress(100);
    return { film, files: ['film.mp4'], provider: context.encoder.name };
  },
};
