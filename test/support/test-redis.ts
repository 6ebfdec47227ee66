import Redis from 'ioredis';
import { TEST_REDIS_URL } from './test-env';

/** Deletes this suite's keys only (SCAN by prefix); the Redis is shared, so never FLUSHALL. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  if (!/^afs-test-/.test(prefix)) throw new Error(`refusing to delete keys outside a test prefix: ${prefix}`);
  const redis = new Redis(TEST_REDIS_URL);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
