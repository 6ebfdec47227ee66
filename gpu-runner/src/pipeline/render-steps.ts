import { RENDER_STEPS, type RenderStep } from '@afs/contracts';
import type { PipelineStep } from './step-context';
import { analyseStep } from './steps/analyse-step';
import { composeStep } from './steps/compose-step';
import { imagesStep } from './steps/images-step';
import { musicStep } from './steps/music-step';
import { subtitlesStep } from './steps/subtitles-step';
import { thumbnailStep } from './steps/thumbnail-step';
import { voiceStep } from './steps/voice-step';

export const PIPELINE: Record<RenderStep, PipelineStep> = {
  analyse: analyseStep,
  images: imagesStep,
  voice: voiceStep,
  subtitles: subtitlesStep,
  music: musicStep,
  compose: composeStep,
  thumbnail: thumbnailStep,
};

const NEEDS: Record<RenderStep, RenderStep[]> = {
  analyse: [],
  images: ['analyse'],
  voice: ['analyse'],
  subtitles: ['voice'],
  music: ['voice'],
  compose: ['images', 'voice', 'subtitles', 'music'],
  thumbnail: ['images', 'voice'],
};

export const stepNeeds = (step: RenderStep): readonly RenderStep[] => NEEDS[step];

/** Share of a typical render's wall time, for the overall percentage. */
export const STEP_WEIGHTS: Record<RenderStep, number> = { analyse: 2, images: 8, voice: 8, subtitles: 1, music: 3, compose: 74, thumbnail: 4 };

/** The requested steps plus everything they depend on, in pipeline order. */
export function stepsToRun(requested: readonly RenderStep[] = RENDER_STEPS): RenderStep[] {
  const wanted = new Set<RenderStep>();
  const add = (step: RenderStep) => {
    if (wanted.has(step)) return;
    wanted.add(step);
    NEEDS[step].forEach(add);
  };
  requested.forEach(add);
  return RENDER_STEPS.filter((step) => wanted.has(step));
}
