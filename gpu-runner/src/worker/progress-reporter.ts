import type { Job } from 'bull';
import type { RenderJobProgress } from '@afs/contracts';

// ffmpeg reports several times a second; the API and its SSE clients need a few updates per second at most.
const MIN_INTERVAL_MS = 250;

/**
 * Forwards render progress to Bull's job progress, which the API sees as `global:progress`.
 * Writes are chained so they reach Redis in order, and a failed write never fails the render.
 */
export function progressReporter(job: Job, onError: (error: unknown) => void) {
  let last: RenderJobProgress | undefined;
  let lastAt = 0;
  let chain: Promise<void> = Promise.resolve();
  return {
    report(progress: RenderJobProgress): void {
      const now = Date.now();
      const newStep = progress.step !== last?.step;
      if (!newStep && progress.percent === last?.percent) return;
      if (!newStep && progress.percent < 100 && now - lastAt < MIN_INTERVAL_MS) return;
      last = progress;
      lastAt = now;
      chain = chain.then(() => job.progress(progress)).catch(onError);
    },
    /** Resolves once every reported value is written. */
    flushed: (): Promise<void> => chain,
  };
}
