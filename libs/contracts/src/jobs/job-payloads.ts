import type { RenderOptions, RenderProgress, RenderStep } from '../render';
import type { JobType } from './job-types';

/** What the API enqueues on QUEUES.render; the Bull job id is `${jobId}:${attempt}`. */
export interface RenderJobPayload {
  jobId: string;
  /** Retries through the API start a new attempt (and a new credit reservation). */
  attempt: number;
  projectId: string;
  userId: string;
  type: JobType;
  title: string;
  script: string;
  options: RenderOptions;
  steps: readonly RenderStep[];
  /**
   * For single-step types: the finished full_generation whose step outputs the runner starts from,
   * so only `steps` are rendered again.
   */
  baseJobId?: string;
  /**
   * Completed jobs of the same script version that finished after the base, newest first. Their
   * steps take precedence over the base's, so a video_composition after an image_generation
   * composes the new stills.
   */
  newerJobIds?: string[];
}

/** Bull job progress reported by the runner while it works. */
export type RenderJobProgress = RenderProgress;

export const ASSET_KINDS = [
  'film',
  'subtitles_srt',
  'subtitles_vtt',
  'thumbnail',
  'scenes',
  'image',
  'narration',
  'music',
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** Kinds with a file per scene (each carries its sceneIndex); a job has at most one file of every other kind. */
export const PER_SCENE_ASSET_KINDS = ['image'] as const satisfies readonly AssetKind[];
export type SingleFileAssetKind = Exclude<AssetKind, (typeof PER_SCENE_ASSET_KINDS)[number]>;

/** One file a job produced, already in storage. */
export interface JobOutputFile {
  kind: AssetKind;
  storageKey: string;
  size: number;
  contentType: string;
  /** sha256, hex. */
  checksum: string;
  durationSeconds?: number;
  width?: number;
  height?: number;
  /** For per-scene kinds: the scene's `index` in scenes.json (from 0). */
  sceneIndex?: number;
}

/** What the runner enqueues on QUEUES.jobResults when an attempt ends. */
export interface JobResultMessage {
  jobId: string;
  attempt: number;
  outcome: 'completed' | 'failed' | 'cancelled';
  outputs: JobOutputFile[];
  /** In words, naming the step (and provider) that failed. */
  error?: string;
  failedStep?: RenderStep;
  /**
   * True when Bull will not try this attempt again (completed, cancelled, attempts exhausted or a
   * non-retryable error); false for a failure Bull retries, which a later result of the same attempt follows.
   */
  final: boolean;
  /** Bull tries of this attempt that have ended, this one included (1 on the first try). */
  tries?: number;
  stepsRun: RenderStep[];
  stepsSkipped: RenderStep[];
  startedAt: string;
  finishedAt: string;
}
