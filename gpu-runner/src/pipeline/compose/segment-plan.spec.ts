import type { SceneDescription } from '@afs/contracts';
import { planComposition } from './segment-plan';

const scenes = (starts: number[]): SceneDescription[] =>
  starts.map((start, index) => ({ index, heading: '', narration: 'x', visual: '', mood: 'calm', keywords: [], estimatedDuration: 1, start }));

describe('planComposition', () => {
  it('lays segments and parts back to back covering every frame exactly once', () => {
    const plan = planComposition(scenes([0, 4.02, 9.51, 15]), 30, 21.3, 3);
    expect(plan.totalFrames).toBe(639);
    let next = 0;
    for (const segment of plan.segments) {
      expect(segment.startFrame).toBe(next);
      next += segment.frames;
    }
    expect(next).toBe(plan.totalFrames);
    expect(plan.parts.map((p) => p.segments.map((s) => s.scene))).toEqual([[0, 1, 2], [3]]);
    expect(plan.parts.map((p) => [p.startFrame, p.frames])).toEqual([[0, 450], [450, 189]]);
  });

  it('starts each scene on the frame of its narration and crossfades only at scene starts', () => {
    const plan = planComposition(scenes([0, 4.08, 9.51]), 25, 12);
    expect(plan.scenes.map((s) => s.startFrame)).toEqual([0, 102, 238]);
    expect(plan.segments.map((s) => s.transitionFrames)).toEqual([0, 13, 13]);
    expect(plan.parts).toHaveLength(3);
  });

  it('extends each camera move through the transition into the next scene', () => {
    const plan = planComposition(scenes([0, 10]), 30, 20);
    expect(plan.scenes[0].motionFrames).toBe(300 + 15);
    expect(plan.scenes[1].motionFrames).toBe(300);
  });

  it('shortens transitions for very short scenes', () => {
    const plan = planComposition(scenes([0, 0.5, 1]), 30, 2);
    expect(plan.segments.map((s) => s.transitionFrames)).toEqual([0, 5, 5]);
  });
});
