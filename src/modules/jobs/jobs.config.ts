import { z } from 'zod';
import { integer } from '../../platform/config/env-parsers';

/** Costs per job type (credits), concurrency per tier, retry policy and the reconciler's pace. */
export const jobsEnv = z.object({
  JOB_COST_SCRIPT_ANALYSIS: integer({ min: 0 }).default(1),
  JOB_COST_IMAGE_GENERATION: integer({ min: 0 }).default(1),
  JOB_COST_VOICE_SYNTHESIS: integer({ min: 0 }).default(1),
  JOB_COST_SUBTITLE_GENERATION: integer({ min: 0 }).default(1),
  JOB_COST_VIDEO_COMPOSITION: integer({ min: 0 }).default(1),
  JOB_COST_THUMBNAIL_GENERATION: integer({ min: 0 }).default(1),
  JOB_COST_FULL_GENERATION: integer({ min: 0 }).default(1),
  JOB_CONCURRENCY_FREE: integer({ min: 1 }).default(1),
  JOB_CONCURRENCY_PRO: integer({ min: 1 }).default(3),
  JOB_CONCURRENCY_ENTERPRISE: integer({ min: 1 }).default(10),
  /** Bull attempts of one job attempt (crashes and transient failures), with exponential backoff. */
  JOB_BULL_ATTEMPTS: integer({ min: 1, max: 10 }).default(3),
  JOB_BACKOFF_MS: integer({ min: 100 }).default(10_000),
  JOB_RECONCILE_INTERVAL_MS: integer({ min: 100 }).default(60_000),
  SSE_HEARTBEAT_MS: integer({ min: 100 }).default(15_000),
});
