import { RENDER_STEPS, type RenderStep } from '../render/render-steps';

export const JOB_TYPES = [
  'script_analysis',
  'image_generation',
  'voice_synthesis',
  'subtitle_generation',
  'video_composition',
  'thumbnail_generation',
  'full_generation',
] as const;
export type JobType = (typeof JOB_TYPES)[number];

export const JOB_STATUSES = ['queued', 'processing', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job never leaves. */
export const FINAL_JOB_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

/** The pipeline steps each job type runs; single-step types reuse a finished full_generation's other steps. */
export const JOB_TYPE_STEPS: Readonly<Record<JobType, readonly RenderStep[]>> = {
  script_analysis: ['analyse'],
  image_generation: ['images'],
  voice_synthesis: ['voice'],
  subtitle_generation: ['subtitles'],
  video_composition: ['compose'],
  thumbnail_generation: ['thumbnail'],
  full_generation: RENDER_STEPS,
};

/** API priority: 1 low .. 3 high. Bull's scale is the other way round (1 is the highest). */
export const JOB_PRIORITIES = [1, 2, 3] as const;
export type JobPriority = (typeof JOB_PRIORITIES)[number];
export const toBullPriority = (priority: JobPriority): number => 4 - priority;
