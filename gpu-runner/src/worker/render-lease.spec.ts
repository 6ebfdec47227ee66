import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { TEST_REDIS_URL } from '../../../test/support/test-env';
import { deleteRedisKeys } from '../../../test/support/test-redis';
import { RenderAbortedError } from '../abort';
import { LeaseLost, RenderLeases } from './render-lease';

describe('RenderLeases (real Redis)', () => {
  const prefix = `afs-test-lease-${randomBytes(4).toString('hex')}`;
  const redis = new Redis(TEST_REDIS_URL);
  const leases = new RenderLeases(redis, prefix, { ttlMs: 600, pollMs: 20 });
  const live = () => new AbortController().signal;

  afterAll(async () => {
    await deleteRedisKeys(prefix);
    await redis.quit();
  });

  it('lets a second render of a job start only once the first has released its lease', async () => {
    const first = await leases.acquire('job-a', live());
    const order: string[] = [];
    let told = 0;
    const second = leases.acquire('job-a', live(), () => (told += 1)).then((lease) => {
      order.push('second acquired');
      return lease;
    });
    // Held past its ttl: the holder renews it, so the second keeps waiting.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    order.push('first releases');
    await first.release();
    await (await second).release();
    expect(order).toEqual(['first releases', 'second acquired']);
    expect(told).toBe(1);
    // Another job's lease is independent.
    await (await leases.acquire('job-b', live())).release();
  });

  it('expires the lease of a holder that died, and a late release does not free the new holder', async () => {
    // A holder that stopped renewing: its key was set by someone else's process.
    await redis.set(`${prefix}:render-lease:job-c`, 'dead-runner', 'PX', 300);
    const taken = await leases.acquire('job-c', live());
    const stale = await leases.acquire('job-d', live());
    await redis.set(`${prefix}:render-lease:job-d`, 'someone-else', 'PX', 5000);
    await stale.release(); // not its lease any more: it must not delete it
    expect(await redis.get(`${prefix}:render-lease:job-d`)).toBe('someone-else');
    await taken.release();
    expect(await redis.exists(`${prefix}:render-lease:job-c`)).toBe(0);
  });

  it('tells the holder when another runner holds its lease, and takes back a lease that vanished', async () => {
    const held = await leases.acquire('job-f', live());
    const key = `${prefix}:render-lease:job-f`;
    await redis.del(key); // Redis lost its data: nobody else holds it
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(held.lost.aborted).toBe(false);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    await redis.set(key, 'another-runner', 'PX', 5000);
    await new Promise<void>((resolve) => held.lost.addEventListener('abort', () => resolve(), { once: true }));
    expect(held.lost.reason).toBeInstanceOf(LeaseLost);
    await held.release();
    expect(await redis.get(key)).toBe('another-runner');
  });

  it('gives the lease up when it could not renew it within its ttl (Redis unreachable)', async () => {
    const cut = new Redis(TEST_REDIS_URL);
    const held = await new RenderLeases(cut, prefix, { ttlMs: 600, pollMs: 20 }).acquire('job-g', live());
    cut.disconnect();
    await new Promise<void>((resolve) => held.lost.addEventListener('abort', () => resolve(), { once: true }));
    expect(held.lost.reason).toBeInstanceOf(LeaseLost);
    await held.release();
  });

  it('stops waiting when the render is cancelled', async () => {
    const held = await leases.acquire('job-e', live());
    const cancel = new AbortController();
    const waiting = leases.acquire('job-e', cancel.signal);
    setTimeout(() => cancel.abort(new Error('cancelled by the user')), 50);
    await expect(waiting).rejects.toBeInstanceOf(RenderAbortedError);
    await held.release();
  });
});
