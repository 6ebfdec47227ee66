import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatRenderErrors,
  validateRenderInput,
  type FilmDescription,
  type RenderOptions,
  type RenderProgress,
  type RenderStep,
} from '@afs/contracts';
import type { Storage } from '@afs/storage';
import { throwIfAborted } from '../abort';
import { loadRunnerConfig, type RunnerConfig } from '../config/runner-config';
import { chooseVideoEncoder } from '../media/video-encoder';
import { createProviders, type ProviderSet } from '../providers/provider-set';
import { inputHash, JobStore } from './job-store';
import { PIPELINE, STEP_WEIGHTS, stepsToRun } from './render-steps';
import { makeInputFetcher, type StepContext } from './step-context';

export interface RenderFilmInput {
  /** Storage keys and resumption hang off it: the same id resumes, so retries of a job reuse finished steps. */
  jobId: string;
  script: string;
  title: string;
  /** Missing options take their defaults; invalid ones fail before any work with every problem listed. */
  options?: Partial<RenderOptions> | Partial<Record<keyof RenderOptions, unknown>>;
  /** Steps wanted (default all); the steps they depend on run too. */
  steps?: readonly RenderStep[];
  onProgress?: (progress: RenderProgress) => void;
  signal?: AbortSignal;
  storage: Storage;
  /** Defaults to the environment (loadRunnerConfig). */
  config?: RunnerConfig;
  /** Defaults to the providers the config chooses. */
  providers?: ProviderSet;
}

export interface RenderOutputs {
  film?: string;
  subtitlesSrt?: string;
  subtitlesVtt?: string;
  thumbnail?: string;
  scenes: string;
}

export interface RenderFilmResult {
  jobId: string;
  /** Storage keys of the finished files. */
  outputs: RenderOutputs;
  film: FilmDescription;
  stepsRun: RenderStep[];
  /** Finished by an earlier run of the same job and reused. */
  stepsSkipped: RenderStep[];
  /** Wall seconds of each step this run executed. */
  stepSeconds: Partial<Record<RenderStep, number>>;
  warnings: string[];
}

export class RenderInputError extends Error {
  constructor(readonly errors: { field: string; message: string }[]) {
    super(`invalid render input: ${formatRenderErrors(errors)}`);
    this.name = 'RenderInputError';
  }
}

/** Wraps a step failure so a job's error always says which step broke. */
export class RenderStepError extends Error {
  constructor(
    readonly step: RenderStep,
    cause: unknown,
  ) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(message.startsWith(`${step} step`) ? message : `${step} step failed: ${message}`, { cause });
    this.name = 'RenderStepError';
  }
}

/**
 * Script in, film out: analyse -> images -> voice -> subtitles -> music -> compose -> thumbnail.
 * Each finished step's files and film description go to storage under the job before the manifest
 * marks it done; a later call with the same jobId and input skips those steps (on any host sharing
 * the storage). Abort stops between steps and kills a running ffmpeg; it rejects with RenderAbortedError.
 */
export async function renderFilm(input: RenderFilmInput): Promise<RenderFilmResult> {
  const validated = validateRenderInput({ script: input.script, title: input.title, options: input.options });
  if (!validated.ok) throw new RenderInputError(validated.errors);
  const { script, title, options } = validated.value;
  throwIfAborted(input.signal);

  const config = input.config ?? loadRunnerConfig();
  const ownProviders = input.providers === undefined;
  const providers = input.providers ?? createProviders(config);
  const store = new JobStore(input.storage, input.jobId);
  const manifest = await store.open(inputHash(script, title, options));
  const steps = stepsToRun(input.steps);
  const totalWeight = steps.reduce((sum, s) => sum + STEP_WEIGHTS[s], 0);
  const workDir = await mkdtemp(join(config.RENDER_WORK_DIR ?? tmpdir(), `afs-render-${input.jobId.slice(0, 40)}-`));

  let film: FilmDescription = (await store.latestFilm(manifest)) ?? { jobId: input.jobId, title, options, scenes: [], providers: {}, warnings: [] };
  const stepsRun: RenderStep[] = [];
  const stepsSkipped: RenderStep[] = [];
  const stepSeconds: Partial<Record<RenderStep, number>> = {};
  let weightDone = 0;
  try {
    for (const step of steps) {
      throwIfAborted(input.signal);
      const report = (percent: number) => {
        const clamped = Math.max(0, Math.min(100, percent));
        input.onProgress?.({ step, percent: Math.round(clamped), overall: Math.round(((weightDone + (STEP_WEIGHTS[step] * clamped) / 100) / totalWeight) * 100) });
      };
      if (manifest.steps[step]) {
        stepsSkipped.push(step);
      } else {
        report(0);
        const context: StepContext = {
          script,
          film,
          config,
          providers,
          encoder: chooseVideoEncoder(config),
          store,
          workDir,
          signal: input.signal,
          progress: report,
          input: makeInputFetcher(store, workDir),
        };
        const started = performance.now();
        try {
          const output = await PIPELINE[step].run(context);
          film = { ...output.film, providers: { ...output.film.providers, [step]: output.provider ?? 'local' } };
          for (const name of output.files) await store.putFile(step, name, join(workDir, name));
          await store.putJson(step, 'film.json', film);
          await store.markDone(manifest, step, { provider: output.provider, files: output.files });
          stepsRun.push(step);
          stepSeconds[step] = Math.round(performance.now() - started) / 1000;
        } catch (error) {
          if (input.signal?.aborted) throwIfAborted(input.signal);
          throw error instanceof RenderStepError ? error : new RenderStepError(step, error);
        }
      }
      report(100);
      weightDone += STEP_WEIGHTS[step];
    }
    const scenes = await store.putJson('output', 'scenes.json', film);
    const outputs: RenderOutputs = { scenes };
    if (manifest.steps.compose) outputs.film = store.key('compose', 'film.mp4');
    if (manifest.steps.subtitles) {
      outputs.subtitlesSrt = store.key('subtitles', 'subtitles.srt');
      outputs.subtitlesVtt = store.key('subtitles', 'subtitles.vtt');
    }
    if (manifest.steps.thumbnail) outputs.thumbnail = store.key('thumbnail', 'thumbnail.jpg');
    return { jobId: input.jobId, outputs, film, stepsRun, stepsSkipped, stepSeconds, warnings: film.warnings };
  } finally {
    await rm(workDir, { recursive: true, force: true });
    if (ownProviders) await providers.images.close();
  }
}
