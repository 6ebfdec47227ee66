import type { SceneDescription } from '@afs/contracts';

export interface Segment {
  /** Index of the scene whose body this segment shows. */
  scene: number;
  /** First frame of the segment in the film. */
  startFrame: number;
  /** Frames into the scene's camera move at which the segment starts. */
  offset: number;
  frames: number;
  /** Frames of the transition from the previous scene at the segment's start; 0 for the first. */
  transitionFrames: number;
}

export interface ScenePlan {
  startFrame: number;
  frames: number;
  /** Frames the scene's camera move spans: its own, plus the transition into the next scene. */
  motionFrames: number;
}

export interface CompositionPlan {
  fps: number;
  totalFrames: number;
  scenes: ScenePlan[];
  segments: Segment[];
}

/** Half a second of crossfade, shortened for very short scenes so a transition never eats a scene. */
const TRANSITION_SECONDS = 0.5;

/**
 * Frame-exact layout: scene i starts on frame round(start_i * fps), so rounding never accumulates.
 * A segment opens with the crossfade from the previous scene, which keeps moving through it, so
 * every segment can be encoded on its own and the parts joined without re-encoding. Long scenes are
 * cut into several segments of at most `maxSegmentFrames`, so parallel encoders stay evenly busy.
 */
export function planComposition(scenes: SceneDescription[], fps: number, totalDuration: number, maxSegmentFrames = Number.MAX_SAFE_INTEGER): CompositionPlan {
  const totalFrames = Math.max(1, Math.round(totalDuration * fps));
  const starts = scenes.map((s) => Math.min(totalFrames - 1, Math.round((s.start ?? 0) * fps)));
  const plans: ScenePlan[] = scenes.map((_, i) => {
    const end = i + 1 < scenes.length ? starts[i + 1] : totalFrames;
    return { startFrame: starts[i], frames: Math.max(1, end - starts[i]), motionFrames: 0 };
  });
  const transitions = plans.map((plan, i) =>
    i === 0 ? 0 : Math.max(1, Math.min(Math.round(TRANSITION_SECONDS * fps), Math.floor(plan.frames / 3), Math.floor(plans[i - 1].frames / 3))),
  );
  plans.forEach((plan, i) => (plan.motionFrames = plan.frames + (transitions[i + 1] ?? 0)));
  const segments: Segment[] = [];
  plans.forEach((plan, i) => {
    const pieces = Math.ceil(plan.frames / maxSegmentFrames);
    for (let k = 0; k < pieces; k += 1) {
      const offset = Math.round((plan.frames * k) / pieces);
      const end = Math.round((plan.frames * (k + 1)) / pieces);
      segments.push({ scene: i, startFrame: plan.startFrame + offset, offset, frames: end - offset, transitionFrames: k === 0 ? transitions[i] : 0 });
    }
  });
  return { fps, totalFrames, scenes: plans, segments };
}
