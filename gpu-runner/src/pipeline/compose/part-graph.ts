import type { FrameSize } from '../frame-size';
import { cameraMoveFor, kenBurnsFilter } from './ken-burns';
import type { CompositionPlan, Part } from './segment-plan';

/** A part's filter graph: `stills[i]` is the scene index of input i, and the frames come out of `[output]`. */
export interface PartGraph {
  stills: number[];
  filters: string[];
  output: string;
}

/**
 * Each scene's chain draws its camera move; a crossfade lays the previous scene's move, continued by
 * a short chain of its own, over this scene's opening frames with a fading alpha, in 4:2:0 (xfade,
 * used before, works only in 4:4:4 in ffmpeg 5.1: two conversions a frame and 4:4:4 frame pools for
 * every transition). Each still is decoded once and read by both chains. The continuation is not
 * split off the previous scene's own chain: overlay asks for its inputs before the concat needs them,
 * and reaching the continuation through that chain queued the whole previous scene (480 MB at 720p).
 */
export function partGraph(plan: CompositionPlan, part: Part, size: FrameSize): PartGraph {
  const stills: number[] = [];
  const input = (scene: number) => {
    const index = stills.indexOf(scene);
    return `[${index >= 0 ? index : stills.push(scene) - 1}:v]`;
  };
  const motion = (scene: number, offset: number, frames: number) =>
    `format=yuv420p,${kenBurnsFilter(cameraMoveFor(scene), size, plan.fps, offset, frames, plan.scenes[scene].motionFrames)},setsar=1`;
  const filters: string[] = [];
  const pieces: string[] = [];
  part.segments.forEach((segment, k) => {
    const chain = `${input(segment.scene)}${motion(segment.scene, 0, segment.frames)}`;
    const opening = segment.transitionFrames;
    if (opening === 0) {
      filters.push(`${chain}[middle${k}]`);
    } else {
      const previous = segment.scene - 1;
      filters.push(
        `${input(previous)}${motion(previous, plan.scenes[previous].frames, opening)},format=yuva420p,fade=t=out:s=0:n=${opening}:alpha=1[fading${k}]`,
        `${chain},split[openingall${k}][middleall${k}]`,
        `[openingall${k}]trim=end_frame=${opening}[opening${k}]`,
        `[middleall${k}]trim=start_frame=${opening},setpts=PTS-STARTPTS[middle${k}]`,
        `[opening${k}][fading${k}]overlay=format=yuv420[crossfade${k}]`,
      );
      pieces.push(`[crossfade${k}]`);
    }
    pieces.push(`[middle${k}]`);
  });
  filters.push(pieces.length > 1 ? `${pieces.join('')}concat=n=${pieces.length}:v=1:a=0[joined]` : `${pieces[0]}null[joined]`);
  return { stills, filters, output: 'joined' };
}
