import type Redis from 'ioredis';
import { cancelChannel, cancelKey } from '@afs/contracts';

/** Abort reason of a user's cancel: reported as `cancelled`, never retried. */
export class CancelRequested extends Error {
  constructor() {
    super('cancelled by the user');
    this.name = 'CancelRequested';
  }
}

/** Abort reason of a runner stopping: the job is left to another runner, not reported. */
export class RunnerStopping extends Error {
  constructor() {
    super('the runner is shutting down');
    this.name = 'RunnerStopping';
  }
}

/**
 * One AbortController per active render, fired by the API's cancel signal on Redis pub/sub, or by
 * the `cancel:<jobId>` key when the runner looks between steps (a message sent while this runner's
 * subscriber was reconnecting is lost; the key is not).
 */
export class CancelWatcher {
  // A set per job: after a lost lock the same job can briefly be active twice on one runner.
  private readonly active = new Map<string, Set<AbortController>>();

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly prefix: string,
  ) {}

  async start(): Promise<void> {
    this.subscriber.on('message', (channel: string, jobId: string) => {
      if (channel === cancelChannel(this.prefix)) this.abort(jobId, new CancelRequested());
    });
    await this.subscriber.subscribe(cancelChannel(this.prefix));
  }

  /** Starts watching a job; call release() when its render ends. */
  watch(jobId: string): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    const set = this.active.get(jobId) ?? new Set();
    set.add(controller);
    this.active.set(jobId, set);
    return {
      signal: controller.signal,
      release: () => {
        set.delete(controller);
        if (set.size === 0 && this.active.get(jobId) === set) this.active.delete(jobId);
      },
    };
  }

  async isCancelRequested(jobId: string): Promise<boolean> {
    return (await this.redis.exists(cancelKey(this.prefix, jobId))) === 1;
  }

  /** Looks at the cancel key and aborts the job's renders when it is set. */
  async checkKey(jobId: string): Promise<void> {
    if (await this.isCancelRequested(jobId)) this.abort(jobId, new CancelRequested());
  }

  abort(jobId: string, reason: Error): void {
    for (const controller of this.active.get(jobId) ?? [])
      if (!controller.signal.aborted) controller.abort(reason);
  }

  abortAll(reason: Error): void {
    for (const jobId of this.active.keys()) this.abort(jobId, reason);
  }

  get activeJobs(): number {
    return this.active.size;
  }
}
