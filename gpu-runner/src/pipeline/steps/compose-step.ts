import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '../../media/run-ffmpeg';
import { masterFilter, parseIntegratedLoudness, premixFilter, TARGET_LUFS } from '../compose/audio-mix';
import { cameraMoveFor, kenBurnsFilter } from '../compose/ken-burns';
import { planComposition, type Segment } from '../compose/segment-plan';
import { burnedSubtitleStyle } from '../compose/subtitle-style';
import { frameSize } from '../frame-size';
import { mapLimited } from '../map-limited';
import type { PipelineStep, StepContext } from '../step-context';
import { sceneImageName } from './images-step';

// One timescale every frame rate divides, so the joined segments keep exact frame timestamps.
const TIMESCALE = 90000;

function segmentName(segment: Segment): string {
  return `segment-${String(segment.startFrame).padStart(7, '0')}.mp4`;
}

/** What the runner itself holds during compose (Node, V8, buffers), measured on a 1080p render. */
const RUNNER_BASE_MB = 200;

/**
 * Parallel encoders that fit the memory budget: libx264 (veryfast) takes about 80 MB plus 105 MB per
 * megapixel of frame, so 1080p gets one encoder on the default budget and smaller frames get two.
 */
export function encoderSlots(size: { width: number; height: number }, concurrency: number, memoryMb: number): number {
  const perEncoder = 80 + (105 * size.width * size.height) / 1e6;
  return Math.max(1, Math.min(concurrency, Math.floor((memoryMb - RUNNER_BASE_MB) / perEncoder)));
}

/** Enough segments for every encoder to get several, each at least two seconds (process start-up costs). */
function maxSegmentFrames(totalFrames: number, fps: number, concurrency: number): number {
  return Math.max(2 * fps, Math.ceil(totalFrames / (concurrency * 4)));
}

const seconds = (frames: number, fps: number) => (frames / fps).toFixed(6);

async function encodeSegment(context: StepContext, plan: ReturnType<typeof planComposition>, segment: Segment, onFrames: (frames: number) => void): Promise<void> {
  const { film } = context;
  const size = frameSize(film.options.aspectRatio, film.options.resolution);
  const fps = plan.fps;
  const scene = plan.scenes[segment.scene];
  const current = `[${segment.transitionFrames > 0 ? 1 : 0}:v]format=yuv420p,${kenBurnsFilter(cameraMoveFor(segment.scene), size, fps, segment.offset, segment.frames, scene.motionFrames)},setsar=1`;
  const filters: string[] = [];
  const inputs = [];
  if (segment.transitionFrames > 0) {
    const previous = plan.scenes[segment.scene - 1];
    const t = segment.transitionFrames;
    inputs.push({ path: sceneImageName(segment.scene - 1) });
    filters.push(`[0:v]format=yuv420p,${kenBurnsFilter(cameraMoveFor(segment.scene - 1), size, fps, previous.frames, t, previous.motionFrames)},setsar=1[from]`);
    // xfade only works in 4:4:4 formats in ffmpeg 5.1: give it just the transition's frames, so the
    // rest of the segment stays 4:2:0 and is not converted twice per frame.
    filters.push(`${current},split[head][rest]`);
    filters.push(`[head]trim=end_frame=${t}[to]`);
    filters.push(`[rest]trim=start_frame=${t},setpts=PTS-STARTPTS[tail]`);
    filters.push(`[from][to]xfade=transition=fade:duration=${seconds(t, fps)}:offset=0,format=yuv420p[faded]`);
    filters.push('[faded][tail]concat=n=2:v=1:a=0[joined]');
  } else {
    filters.push(`${current}[joined]`);
  }
  inputs.push({ path: sceneImageName(segment.scene) });
  let last = '[joined]';
  if (film.options.subtitles === 'burned') {
    // libass times cues by frame timestamps: shift them to film time while the subtitles are drawn.
    const shift = seconds(segment.startFrame, fps);
    filters.push(`${last}setpts=PTS+${shift}/TB,subtitles=subtitles.srt:force_style='${burnedSubtitleStyle(size)}',setpts=PTS-STARTPTS[subbed]`);
    last = '[subbed]';
  }
  await runFfmpeg({
    inputs,
    complexFilter: filters.join(';'),
    outputOptions: ['-y', '-map', last, '-frames:v', String(segment.frames), '-r', String(fps), ...context.encoder.options, '-video_track_timescale', String(TIMESCALE), '-an'],
    output: segmentName(segment),
    cwd: context.workDir,
    ffmpegPath: context.config.FFMPEG_PATH,
    signal: context.signal,
    onProgress: (done) => onFrames(Math.min(segment.frames, Math.round(done * fps))),
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
    const totalFrames = Math.round((film.duration ?? 0) * fps);
    const slots = encoderSlots(frameSize(film.options.aspectRatio, film.options.resolution), context.config.RENDER_CONCURRENCY, context.config.RENDER_MEMORY_MB);
    const plan = planComposition(film.scenes, fps, film.duration ?? 0, maxSegmentFrames(totalFrames, fps, slots));
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
        plan.segments,
        slots,
        (segment) =>
          encodeSegment(context, plan, segment, (frames) => {
            framesDone.set(segment.startFrame, frames);
            report();
          }),
        context.signal,
      ),
    ]);

    const list = plan.segments.map((segment) => `file '${segmentName(segment)}'`).join('\n');
    await writeFile(join(context.workDir, 'segments.txt'), `${list}\n`);
    const soft = film.options.subtitles === 'soft';
    await runFfmpeg({
      inputs: [{ path: 'segments.txt', format: 'concat', options: ['-safe', '0'] }, { path: 'audio.m4a' }, ...(soft ? [{ path: 'subtitles.srt' }] : [])],
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
    await Promise.all(plan.segments.map((segment) => rm(join(context.workDir, segmentName(segment)), { force: true })));
    context.progress(100);
    return { film, files: ['film.mp4'], provider: context.encoder.name };
  },
};
