import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type Redis from 'ioredis';
import { throwIfAborted } from '../abort';

// Only the holder renews or releases: a lease that expired and was taken is not the old holder's.
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface HeldLease {
  release(): Promise<void>;
}

/**
 * One render of a job at a time, across runners. Bull hands a job to a second runner when the first
 * loses its lock while still alive (a blocked event loop, a network cut to Redis); both would then
 * write the job's store, whose manifest is last-write-wins, and describe files the other was
 * replacing. The second waits for the lease instead, then resumes from the steps the first finished.
 * The holder renews it while alive; a dead holder's lease expires after `ttlMs`.
 */
export class RenderLeases {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly timing = { ttlMs: 30_000, pollMs: 500 },
  ) {}

  /** Waits until this runner holds the job's lease; `signal` (a cancel, a shutdown) stops the wait. */
  async acquire(jobId: string, signal: AbortSignal, onWait?: () => void): Promise<HeldLease> {
    const key = `${this.prefix}:render-lease:${jobId}`;
    const token = randomUUID();
    const { ttlMs, pollMs } = this.timing;
    let waited = false;
    while ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
      if (!waited) onWait?.();
      waited = true;
      await sleep(pollMs, undefined, { signal }).catch(() => undefined);
      throwIfAborted(signal);
    }
    const renew = setInterval(() => void this.redis.eval(RENEW, 1, key, token, ttlMs).catch(() => undefined), ttlMs / 3);
    renew.unref();
    return {
      release: async () => {
        clearInterval(renew);
        await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      },
    };
  }
}
