import Bull, { type Queue } from 'bull';
import Redis from 'ioredis';
import { QUEUES, type JobResultMessage, type RenderJobPayload } from '@afs/contracts';
import type { Storage } from '@afs/storage';
import type { RunnerConfig } from '../config/runner-config';
import { createRenderProcessor } from '../processors/render.processor';
import { RenderLeases } from './render-lease';
import type { ProviderSet } from '../providers/provider-set';
import { CancelWatcher, RunnerStopping } from './cancel-watcher';
import { JobResultSender } from './job-result-sender';
import type { Logger } from './logger';
import type { WorkerConfig } from './worker-config';

export interface RenderWorkerOptions {
  worker: WorkerConfig;
  runner: RunnerConfig;
  storage: Storage;
  logger: Logger;
  /** Test seam only, see RenderProcessorDeps.providers; main.ts never sets it. */
  providers?: () => ProviderSet;
}

export interface RenderWorker {
  renderQueue: Queue<RenderJobPayload>;
  /**
   * Stops taking jobs, lets active renders finish within graceMs, then aborts the rest (killing
   * ffmpeg) and leaves them active in Bull, so another runner resumes them once their lock expires.
   * Returns how many renders were left that way.
   */
  stop(graceMs: number): Promise<number>;
}

// Bull's message when a job's lock expired more often than maxStalledCount: it fails the job itself,
// without running any processor, so the runner that noticed must tell the API.
const STALLED_TOO_OFTEN = 'job stalled more than allowable limit';

/** Consumes the render queue with the render processor; the runner process is this plus signals. */
export async function startRenderWorker(options: RenderWorkerOptions): Promise<RenderWorker> {
  const { worker: config, logger } = options;
  const renderQueue = new Bull<RenderJobPayload>(QUEUES.render, config.REDIS_URL, {
    prefix: config.REDIS_PREFIX,
    settings: {
      lockDuration: config.BULL_LOCK_DURATION_MS,
      stalledInterval: config.BULL_STALLED_INTERVAL_MS,
      maxStalledCount: config.BULL_MAX_STALLED_COUNT,
    },
  });
  const resultsQueue = new Bull<JobResultMessage>(QUEUES.jobResults, config.REDIS_URL, {
    prefix: config.REDIS_PREFIX,
  });
  const redis = new Redis(config.REDIS_URL);
  const subscriber = new Redis(config.REDIS_URL);
  const cancels = new CancelWatcher(redis, subscriber, config.REDIS_PREFIX);
  const results = new JobResultSender(resultsQueue);
  const leases = new RenderLeases(redis, config.REDIS_PREFIX, { ttlMs: config.BULL_LOCK_DURATION_MS, pollMs: 500 });
  const processor = createRenderProcessor({
    storage: options.storage,
    config: options.runner,
    cancels,
    results,
    leases,
    logger,
    providers: options.providers,
  });

  for (const queue of [renderQueue, resultsQueue])
    queue.on('error', (error) => logger.error({ err: error, queue: queue.name }, 'queue error'));
  for (const client of [redis, subscriber])
    client.on('error', (error) => logger.error({ err: error }, 'redis error'));
  // Seen on the runner that found the expired lock: the job goes back to waiting for any runner.
  renderQueue.on('stalled', (job) =>
    logger.warn(
      { bullJobId: job.id },
      'render job stalled (its runner lost the lock); it will run again',
    ),
  );
  renderQueue.on('lock-extension-failed', (job, error) =>
    logger.error({ bullJobId: job.id, err: error }, 'could not extend a render job lock'),
  );
  renderQueue.on('failed', (job, error) => {
    if (error?.message !== STALLED_TOO_OFTEN) return;
    const now = new Date().toISOString();
    const data = job.data as Partial<RenderJobPayload>;
    if (typeof data.jobId !== 'string' || typeof data.attempt !== 'number') return;
    const message: JobResultMessage = {
      jobId: data.jobId,
      attempt: data.attempt,
      outcome: 'failed',
      final: true,
      tries: job.attemptsMade + 1,
      error: `the render was interrupted more than ${config.BULL_MAX_STALLED_COUNT} time(s) (its runner stopped or was blocked) and is not tried again`,
      outputs: [],
      stepsRun: [],
      stepsSkipped: [],
      startedAt: job.processedOn ? new Date(job.processedOn).toISOString() : now,
      finishedAt: now,
    };
    results
      .send(message)
      .catch((err) =>
        logger.error({ err, jobId: data.jobId }, 'could not send the result of a stalled job'),
      );
  });

  await cancels.start();
  await Promise.all([renderQueue.isReady(), resultsQueue.isReady()]);
  // Resolves only when the queue closes; errors of the fetch loop arrive as 'error' events.
  renderQueue
    .process(config.RUNNER_CONCURRENCY, processor.process)
    .catch((error) => logger.error({ err: error }, 'render queue stopped'));

  let stopping: Promise<number> | undefined;
  const stop = async (graceMs: number): Promise<number> => {
    // Local pause: this runner stops fetching; other runners keep going. Do not wait for active jobs here.
    await renderQueue.pause(true, true);
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<boolean>(
      (resolve) => (graceTimer = setTimeout(resolve, graceMs, true)),
    );
    const timedOut = await Promise.race([
      renderQueue.whenCurrentJobsFinished().then(() => false),
      graceOver,
    ]);
    clearTimeout(graceTimer);
    const left = timedOut ? cancels.activeJobs : 0;
    if (timedOut) {
      logger.warn(
        { jobs: left, graceMs },
        'grace period over: stopping active renders and leaving them to another runner',
      );
      cancels.abortAll(new RunnerStopping());
      await processor.idle();
    }
    // close(true) does not wait for the parked processors, and leaves their locks to expire.
    await renderQueue.close(timedOut);
    await resultsQueue.close();
    await Promise.all([redis.quit(), subscriber.quit()]);
    return left;
  };
  return {
    renderQueue,
    stop: (graceMs) => (stopping ??= stop(graceMs)),
  };
}
