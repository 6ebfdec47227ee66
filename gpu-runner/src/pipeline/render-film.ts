import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  formatRenderErrors,
  RENDER_STEPS,
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
import { mergeFilm } from './merge-film';
import { ProgressBoard } from './progress-board';
import { collectOutputs, type RenderOutputs } from './render-outputs';
import { PIPELINE, STEP_WEIGHTS, stepNeeds, stepsToRun } from './render-steps';
import { runStepGraph } from './run-step-graph';
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
 * Script in, film out: analyse -> images -> voice -> subtitles -> music -> compose -> thumbnail,
 * each step starting once the steps it needs have finished and one of RENDER_CONCURRENCY slots is
 * free, earlier steps first (images beside voice, music beside images, the thumbnail beside compose).
 * Each finished step's files and film description go to storage under the job before the manifest
 * marks it done; a later call with the same jobId and input skips those steps (on any host sharing
 * the storage). Abort stops every running step (a running ffmpeg is killed); it rejects with RenderAbortedError.
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
  const workDir = await mkdtemp(join(config.RENDER_WORK_DIR ?? tmpdir(), `afs-render-${input.jobId.slice(0, 40)}-`));

  let film: FilmDescription = (await store.latestFilm(manifest)) ?? { jobId: input.jobId, title, options, scenes: [], providers: {}, warnings: [] };
  const stepsRun: RenderStep[] = [];
  const stepsSkipped = steps.filter((step) => manifest.steps[step]);
  const stepSeconds: Partial<Record<RenderStep, number>> = {};
  const board = new ProgressBoard(steps, STEP_WEIGHTS, input.onProgress);
  const fetchInput = makeInputFetcher(store, workDir);
  // Steps finishing side by side store their description and the manifest one at a time.
  let commits = Promise.resolve();

  const runStep = async (step: RenderStep, signal: AbortSignal) => {
    board.update(step, 0);
    const base = film;
    const context: StepContext = {
      script,
      film: base,
      config,
      providers,
      encoder: chooseVideoEncoder(config),
      store,
      workDir,
      signal,
      progress: (percent) => board.update(step, percent),
      input: fetchInput,
    };
    const started = performance.now();
    try {
      const output = await PIPELINE[step].run(context);
      for (const name of output.files) await store.putFile(step, name, join(workDir, name));
      const commit = commits.then(async () => {
        const merged = mergeFilm(film, base, output.film);
        const next = { ...merged, providers: { ...merged.providers, [step]: output.provider ?? 'local' } };
        await store.putJson(step, 'film.json', next);
        await store.markDone(manifest, step, { provider: output.provider, files: output.files });
        // Only a stored step changes the description later steps store.
        film = next;
      });
      commits = commit.catch(() => undefined);
      await commit;
      stepsRun.push(step);
      stepSeconds[step] = Math.round(performance.now() - started) / 1000;
      board.finish(step);
    } catch (error) {
      throw error instanceof RenderStepError ? error : new RenderStepError(step, error);
    }
  };

  try {
    stepsSkipped.forEach((step) => board.finish(step));
    await runStepGraph(
      { steps, concurrency: config.RENDER_CONCURRENCY, needs: stepNeeds, done: new Set(stepsSkipped), run: runStep },
      input.signal,
    );
    const scenes = await store.putJson('output', 'scenes.json', film);
    const outputs = collectOutputs(store, manifest, film, scenes, input.steps ?? RENDER_STEPS);
    return { jobId: input.jobId, outputs, film, stepsRun: steps.filter((step) => stepsRun.includes(step)), stepsSkipped, stepSeconds, warnings: film.warnings };
  } finally {
    await rm(workDir, { recursive: true, force: true });
    if (ownProviders) await providers.images.close();
  }
}
