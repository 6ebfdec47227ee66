import type { FrameSize } from '../frame-size';

/**
 * What the rest of the render holds while the encoders run: the runner (about 85 MB; storyboards are
 * drawn in child processes that have ended by then) and the audio mix's ffmpeg beside the encoders
 * (about 55 MB), with a little room.
 */
const RUNNER_BASE_MB = 150;

const megapixels = (size: FrameSize) => (size.width * size.height) / 1e6;

/** An encoder process drawing one scene: about 170 MB at 720p and 285 MB at 1080p with libx264 veryfast. */
const encoderMb = (size: FrameSize) => 80 + 105 * megapixels(size);

/**
 * Each further scene in one process keeps its still, decoded, and its chains' frame pools until the
 * process ends: about 20 MB at 720p and 45 MB at 1080p were measured.
 */
const sceneMb = (size: FrameSize) => 24 * megapixels(size);

/** Parallel encoders that fit the memory budget: 1080p gets one on the default budget, smaller frames two. */
export function encoderSlots(size: FrameSize, concurrency: number, memoryMb: number): number {
  return Math.max(1, Math.min(concurrency, Math.floor((memoryMb - RUNNER_BASE_MB) / encoderMb(size))));
}

/**
 * How many encoders run at once and how many scenes each process renders. Every process pays an
 * ffmpeg, x264 and libass start-up, its stills' decoding and an opening keyframe, but every further
 * scene in one process adds to its memory; so the scenes are spread over the encoder slots in as few
 * processes as the budget holds. Fewer processes one at a time save CPU but lose wall time: one
 * ffmpeg's main thread, which runs every filter, does not keep x264's frame threads busy.
 */
export function partLayout(size: FrameSize, scenes: number, concurrency: number, memoryMb: number): { slots: number; scenesPerPart: number } {
  const slots = encoderSlots(size, concurrency, memoryMb);
  const perSlot = (memoryMb - RUNNER_BASE_MB) / slots - encoderMb(size);
  const scenesPerPart = Math.max(1, Math.min(Math.ceil(scenes / slots), 1 + Math.floor(perSlot / sceneMb(size))));
  return { slots, scenesPerPart };
}
