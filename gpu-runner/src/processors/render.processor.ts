import type { Job } from 'bull';
import type { JobOutputFile, JobResultMessage, RenderJobPayload, RenderStep } from '@afs/contracts';
import type { Storage } from '@afs/storage';
import { throwIfAborted } from '../abort';
import type { RunnerConfig } from '../config/runner-config';
import {
  RenderInputError,
  renderFilm,
  RenderStepError,
  type RenderFilmResult,
} from '../pipeline/render-film';
import { finishedBetween, JobStore, type JobManifest } from '../pipeline/job-store';
import { seedFromBaseJob } from '../pipeline/seed-from-base-job';
import type { ProviderSet } from '../providers/provider-set';
import { CancelRequested, RunnerStopping, type CancelWatcher } from '../worker/cancel-watcher';
import { decodeRenderPayload, readJobIdentity } from '../worker/decode-render-payload';
import { describeOutputs } from '../worker/describe-outputs';
import type { JobResultSender } from '../worker/job-result-sender';
import type { Logger } from '../worker/logger';
import type { RenderLeases } from '../worker/render-lease';
import { progressReporter } from '../worker/progress-reporter';

export interface RenderProcessorDeps {
  storage: Storage;
  config: RunnerConfig;
  cancels: CancelWatcher;
  results: JobResultSender;
  leases: RenderLeases;
  logger: Logger;
  /**
   * Test seam only (fault injection): providers for each render. main.ts never sets it, so a
   * production render always builds its providers from the configuration.
   */
  providers?: () => ProviderSet;
}

/** What Bull stores as the render job's return value. */
export interface RenderJobSummary {
  stepsRun: RenderStep[];
  stepsSkipped: RenderStep[];
  outputs: number;
}

/**
 * The `render` queue's processor: decode the payload, run the render engine, report. Progress goes
 * to Bull's job progress; the outcome to the job-results queue, before Bull records it, so a result
 * can be sent twice (a crash in between) but never lost. Storage is keyed by the payload's jobId,
 * not the Bull job id, so a retry, a second attempt or another runner resumes from finished steps.
 */
export function createRenderProcessor(deps: RenderProcessorDeps) {
  const inFlight = new Set<Promise<unknown>>();

  async function processRender(job: Job<RenderJobPayload>): Promise<RenderJobSummary> {
    const startedAt = new Date().toISOString();
    const tries = job.attemptsMade + 1;
    let payload: RenderJobPayload;
    try {
      payload = decodeRenderPayload(job.data);
    } catch (error) {
      // Retrying cannot fix the payload; tell the API when the job can still be named.
      await job.discard();
      const identity = readJobIdentity(job.data);
      deps.logger.error({ bullJobId: job.id, err: error }, 'malformed render job');
      if (identity)
        await deps.results.send(
          ended(identity, startedAt, tries, {
            outcome: 'failed',
            final: true,
            error: (error as Error).message,
          }),
        );
      throw error;
    }

    const log = deps.logger.child({
      jobId: payload.jobId,
      attempt: payload.attempt,
      bullJobId: job.id,
      try: tries,
      type: payload.type,
    });
    const watch = deps.cancels.watch(payload.jobId);
    const progress = progressReporter(job, (error) =>
      log.warn({ err: error }, 'could not write job progress'),
    );
    let currentStep: RenderStep | undefined;
    const store = new JobStore(deps.storage, payload.jobId);
    // The manifest just before the engine starts (after any seeding): what the render found done.
    let manifestAtStart: { manifest: JobManifest | undefined } | undefined;
    // For a render that ended early: the steps it finished and those it reused, from the manifest,
    // which the engine writes after each step (so it holds exactly what a retry would resume from).
    const finishedSteps = async (): Promise<
      Partial<Pick<JobResultMessage, 'stepsRun' | 'stepsSkipped'>>
    > => {
      if (!manifestAtStart) return {};
      try {
        return finishedBetween(manifestAtStart.manifest, await store.readManifest());
      } catch (error) {
        log.warn({ err: error }, 'could not read the job manifest for the result');
        return {};
      }
    };
    log.info({ steps: payload.steps, baseJobId: payload.baseJobId }, 'render started');

    const renderHolding = async (signal: AbortSignal): Promise<{ result: RenderFilmResult; outputs: JobOutputFile[] }> => {
      if (payload.baseJobId) {
        const seed = await seedFromBaseJob({
          storage: deps.storage,
          ...payload,
          baseJobId: payload.baseJobId,
        }).catch((error: Error) => {
          throw new Error(`could not start from base job ${payload.baseJobId}: ${error.message}`, {
            cause: error,
          });
        });
        log.info({ seeded: seed.seeded, notes: seed.notes }, 'started from the base job');
      }
      manifestAtStart = { manifest: await store.readManifest() };
      const result = await renderFilm({
        jobId: payload.jobId,
        script: payload.script,
        title: payload.title,
        options: payload.options,
        steps: payload.steps,
        storage: deps.storage,
        config: deps.config,
        providers: deps.providers?.(),
        signal,
        onProgress: (p) => {
          if (p.step !== currentStep) {
            currentStep = p.step;
            // Between steps: the cancel key covers a pub/sub message this runner missed.
            deps.cancels
              .checkKey(payload.jobId)
              .catch((error) => log.warn({ err: error }, 'could not read the cancel key'));
          }
          progress.report(p);
        },
      });
      const outputs = await describeOutputs(deps.storage, result.outputs, {
        ffprobePath: deps.config.FFPROBE_PATH,
        workDir: deps.config.RENDER_WORK_DIR,
      });
      return { result, outputs };
    };

    let leaseLost: AbortSignal | undefined;
    const render = (async (): Promise<{ result: RenderFilmResult; outputs: JobOutputFile[] }> => {
      // A job cancelled while it waited, or before a retry, never starts.
      await deps.cancels.checkKey(payload.jobId);
      throwIfAborted(watch.signal);
      const lease = await deps.leases.acquire(payload.jobId, watch.signal, () =>
        log.warn('another runner is still rendering this job; waiting for it to finish'),
      );
      leaseLost = lease.lost;
      try {
        // The wait may have been long, and a cancel message missed meanwhile.
        await deps.cancels.checkKey(payload.jobId);
        throwIfAborted(watch.signal);
        return await renderHolding(AbortSignal.any([watch.signal, lease.lost]));
      } finally {
        await lease.release();
      }
    })();
    inFlight.add(render);
    void render.catch(() => undefined).finally(() => inFlight.delete(render));

    let rendered: { result: RenderFilmResult; outputs: JobOutputFile[] };
    try {
      rendered = await render;
    } catch (error) {
      await progress.flushed();
      const reason: unknown = watch.signal.aborted ? watch.signal.reason : undefined;
      if (reason instanceof RunnerStopping) {
        // Neither failed nor done: the job stays active in Bull until its lock expires, and another
        // runner's stalled-job check takes it over and resumes it from the last finished step.
        log.warn('render stopped by shutdown; left for another runner');
        return new Promise<never>(() => undefined);
      }
      if (leaseLost?.aborted && !(reason instanceof CancelRequested)) {
        // Another runner may hold the job now: it reports the outcome, this one says nothing.
        log.warn({ err: leaseLost.reason }, 'render stopped: its lease was lost');
        throw leaseLost.reason;
      }
      if (reason instanceof CancelRequested) {
        await job.discard();
        log.info({ step: currentStep }, 'render cancelled');
        await deps.results.send(
          ended(payload, startedAt, tries, {
            outcome: 'cancelled',
            final: true,
            ...(await finishedSteps()),
          }),
        );
        throw error;
      }
      // Bad input stays bad: no retry. Otherwise Bull retries while attempts remain.
      if (error instanceof RenderInputError) await job.discard();
      const final = error instanceof RenderInputError || tries >= (job.opts.attempts ?? 1);
      const failedStep = error instanceof RenderStepError ? error.step : undefined;
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error, failedStep, final }, 'render failed');
      await deps.results.send(
        ended(payload, startedAt, tries, {
          outcome: 'failed',
          final,
          error: message,
          failedStep,
          ...(await finishedSteps()),
        }),
      );
      throw error;
    } finally {
      watch.release();
    }

    const { result, outputs } = rendered;
    await progress.flushed();
    await deps.results.send(
      ended(payload, startedAt, tries, {
        outcome: 'completed',
        final: true,
        outputs,
        stepsRun: result.stepsRun,
        stepsSkipped: result.stepsSkipped,
      }),
    );
    log.info(
      {
        stepsRun: result.stepsRun,
        stepsSkipped: result.stepsSkipped,
        stepSeconds: result.stepSeconds,
      },
      'render completed',
    );
    return {
      stepsRun: result.stepsRun,
      stepsSkipped: result.stepsSkipped,
      outputs: outputs.length,
    };
  }

  return {
    process: processRender,
    /** Settles when no render is running in this process (aborted ones included). */
    idle: async (): Promise<void> => {
      await Promise.allSettled([...inFlight]);
    },
  };
}

function ended(
  identity: { jobId: string; attempt: number },
  startedAt: string,
  tries: number,
  fields: Pick<JobResultMessage, 'outcome' | 'final'> & Partial<JobResultMessage>,
): JobResultMessage {
  return {
    jobId: identity.jobId,
    attempt: identity.attempt,
    outputs: [],
    stepsRun: [],
    stepsSkipped: [],
    startedAt,
    finishedAt: new Date().toISOString(),
    tries,
    ...fields,
  };
}
