import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { MikroORM } from '@mikro-orm/postgresql';
import { AppConfig, loadConfig } from '../../src/platform/config/config';
import { createApp } from '../../src/platform/app/create-app';
import { createTestDatabase, TestDatabase } from './test-database';
import { deleteRedisKeys } from './test-redis';
import { TEST_REDIS_URL } from './test-env';
import { HttpClient } from './http-client';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  url: string;
  http: HttpClient;
  db: TestDatabase;
  /** Raw SQL on the suite's database, to assert what was really stored. */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Stops the API process and starts a new one on the same database and Redis prefix, as a deploy would. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/**
 * The real API on a random loopback port, on its own database and Redis prefix: suites and runs
 * never share state. Only vendors are faked, by the suites themselves, on loopback.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const prefix = `afs-test-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    JWT_SECRET: TEST_JWT_SECRET,
    BCRYPT_ROUNDS: '4',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    AUTH_RATE_LIMIT: '10000',
    PORT: '0',
    ...env,
  });
  const listening = async () => {
    const app = await createApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${address.port}`;
    return { app, url, http: new HttpClient(url) };
  };
  const t: TestApp = {
    ...(await listening()),
    config,
    db,
    sql: (query, params = []) => t.app.get(MikroORM).em.fork().getConnection().execute(query, params),
    async restart() {
      await t.app.close();
      Object.assign(t, await listening());
    },
    async close() {
      await t.app.close();
      await deleteRedisKeys(prefix);
      await db.drop();
    },
  };
  return t;
}
