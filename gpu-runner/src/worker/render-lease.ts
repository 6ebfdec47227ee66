import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type Redis from 'ioredis';
import { throwIfAborted } from '../abort';

// Only the holder renews or releases: a lease that expired and was taken is not the old holder's.
// A lease that vanished (Redis lost its data) is taken back, since nobody else holds it.
const RENEW = `
local holder = redis.call('get', KEYS[1])
if holder == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if not holder then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** The render lost its lease: another runner may be rendering the job now, so this one stops. */
export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`the render lease of job ${jobId} was lost; another runner takes the job over`);
    this.name = 'LeaseLost';
  }
}

export interface HeldLease {
  /** Aborts with LeaseLost when another runner holds the lease, or no renewal succeeded within its ttl. */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/**
 * One render of a job at a time, across runners. Bull hands a job to a second runner when the first
 * loses its lock while still alive (a blocked event loop, a network cut to Redis); both would then
 * write the job's store, whose manifest is last-write-wins, and describe files the other was
 * replacing. The second waits for the lease instead, then resumes from the steps the first finished.
 * The holder renews it while alive; a dead holder's lease expires after `ttlMs`; a holder that
 * could not renew in time stops, as the lease may be someone else's by then.
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
    const lost = new AbortController();
    let renewedAt = Date.now();
    const renew = setInterval(() => {
      // Measured on this clock: a renewal that did not happen in time (Redis away, a stalled loop)
      // may have let the key expire and another runner take it.
      if (Date.now() - renewedAt > ttlMs) return lose();
      this.redis.eval(RENEW, 1, key, token, ttlMs).then(
        (held) => (held === 1 ? (renewedAt = Date.now()) : lose()),
        () => undefined,
      );
    }, ttlMs / 3);
    renew.unref();
    function lose() {
      clearInterval(renew);
      if (!lost.signal.aborted) lost.abort(new LeaseLost(jobId));
    }
    return {
      lost: lost.signal,
      release: async () => {
        clearInterval(renew);
        await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      },
    };
  }
}
