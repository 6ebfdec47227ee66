import type { SceneDescription } from '@afs/contracts';

/** One scene's frames, opening with the crossfade from the previous scene. */
export interface Segment {
  /** Index of the scene this segment shows. */
  scene: number;
  /** First frame of the segment in the film. */
  startFrame: number;
  frames: number;
  /** Frames of the transition from the previous scene at the segment's start; 0 for the first. */
  transitionFrames: number;
}

/** A run of consecutive segments that one encoder process renders into one file. */
export interface Part {
  startFrame: number;
  frames: number;
  segments: Segment[];
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
  parts: Part[];
}

/** Half a second of crossfade, shortened for very short scenes so a transition never eats a scene. */
const TRANSITION_SECONDS = 0.5;

/**
 * Frame-exact layout: scene i starts on frame round(start_i * fps), so rounding never accumulates.
 * A segment (one scene) opens with the crossfade from the previous scene, which keeps moving through
 * it, so every segment can be rendered on its own. Consecutive segments are grouped into parts of at
 * most `scenesPerPart`; each part is encoded by one process and the parts are joined without re-encoding.
 */
export function planComposition(scenes: SceneDescription[], fps: number, totalDuration: number, scenesPerPart = 1): CompositionPlan {
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
  const segments: Segment[] = plans.map((plan, i) => ({ scene: i, startFrame: plan.startFrame, frames: plan.frames, transitionFrames: transitions[i] }));
  const size = Math.max(1, scenesPerPart);
  const parts: Part[] = [];
  for (let k = 0; k < segments.length; k += size) {
    const group = segments.slice(k, k + size);
    parts.push({ startFrame: group[0].startFrame, frames: group.reduce((sum, s) => sum + s.frames, 0), segments: group });
  }
  return { fps, totalFrames, scenes: plans, segments, parts };
}
