import { QUEUES } from '@afs/contracts';
import { createStorageFromEnv, type Storage } from '@afs/storage';
import { loadRunnerConfig, type RunnerConfig } from './config/runner-config';
import { createLogger } from './worker/logger';
import { startRenderWorker } from './worker/render-worker';
import { loadWorkerConfig, type WorkerConfig } from './worker/worker-config';

// The GPU runner: consumes the `render` queue, renders films, reports on `job-results`.

function loadConfig(): { worker: WorkerConfig; runner: RunnerConfig; storage: Storage } {
  try {
    return {
      worker: loadWorkerConfig(),
      runner: loadRunnerConfig(),
      storage: createStorageFromEnv(),
    };
  } catch (error) {
    // One line naming the variable, nothing else: this is what an operator sees in a crash loop.
    process.stderr.write(`gpu-runner: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const { worker: config, runner, storage } = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const worker = await startRenderWorker({ worker: config, runner, storage, logger });
  logger.info(
    {
      queue: QUEUES.render,
      prefix: config.REDIS_PREFIX,
      concurrency: config.RUNNER_CONCURRENCY,
      lockDurationMs: config.BULL_LOCK_DURATION_MS,
    },
    'runner ready',
  );

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      // A second signal means "now": the active job's lock expires and another runner resumes it.
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    logger.info(
      { signal, graceMs: config.SHUTDOWN_GRACE_MS },
      'shutting down: no new jobs, waiting for the active ones',
    );
    worker.stop(config.SHUTDOWN_GRACE_MS).then(
      (left) => {
        logger.info({ leftToOtherRunners: left }, 'runner stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`gpu-runner: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
