/**
 * Credits benchmark (prints figures; asserts nothing about timings).
 *
 *   npm run bench:credits
 *
 * - reservations per second on one hot account, and spread over 100 accounts (CommandBus, the
 *   same path the jobs module uses: lock, idempotency check, fold, decide, append, projection);
 * - p50/p99 of GET /api/v1/credits/balance for an account with a 100,000-event stream and one
 *   with 10 events, and their ratio (reads come from the projection: they should not grow with
 *   history); plus one reservation on the long stream (the snapshot keeps the fold short).
 *
 * It creates its own throwaway database (migrated from scratch) and Redis prefix, and removes
 * both at the end. Needs the PostgreSQL and Redis the tests use (TEST_ADMIN_DATABASE_URL,
 * TEST_REDIS_URL).
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/platform/config/config';
import { createApp } from '../src/platform/app/create-app';
import { migrate } from '../src/platform/database/migrate';
import { GrantAllowanceCommand } from '../src/modules/credits/commands/grant-allowance/grant-allowance.command';
import { GrantCreditsCommand } from '../src/modules/credits/commands/grant-credits/grant-credits.command';
import { ReserveCreditsCommand } from '../src/modules/credits/commands/reserve-credits/reserve-credits.command';
import { ProjectionRebuilder } from '../src/modules/credits/persistence/projection-rebuilder';
import { periodOf } from '../src/modules/credits/domain/period';
import { dropDatabase, withAdminClient } from '../test/support/postgres-admin';
import { databaseUrl, TEST_REDIS_URL } from '../test/support/test-env';
import { deleteRedisKeys } from '../test/support/test-redis';

const RESERVATIONS = Number(process.env.BENCH_RESERVATIONS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const LONG_STREAM = 100_000;
const READS = Number(process.env.BENCH_READS ?? 2000);

async function main(): Promise<void> {
  const name = `afs_test_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `afs-test-bench-${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database "${name}"`));
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    await migrate(databaseUrl(name));
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(name),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
      LOG_LEVEL: 'silent',
      CREDITS_RESET_SCHEDULE_ENABLED: 'false',
      SWAGGER_ENABLED: 'false',
    });
    app = await createApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const bus = app.get(CommandBus);
    const orm = app.get(MikroORM);
    const sql = (query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(query, params);

    // Accounts are created the way registration creates them (user row + GrantAllowance), without
    // bcrypt in the way; a session row and a signed access token stand in for a login.
    const newAccount = async (credits: number) => {
      const id = randomUUID();
      await sql(`insert into users (id, email, first_name, last_name) values (?, ?, 'Bench', 'User')`, [id, `${id}@bench.test`]);
      await bus.execute(new GrantAllowanceCommand({ userId: id, tier: 'free' }));
      if (credits > 0) await bus.execute(new GrantCreditsCommand({ userId: id, amount: credits, reason: 'bench', grantId: randomUUID() }));
      return id;
    };
    const tokenFor = async (userId: string) => {
      const sid = randomUUID();
      await sql(`insert into sessions (id, user_id, expires_at) values (?, ?, now() + interval '1 day')`, [sid, userId]);
      return app!.get(JwtService).sign({ sub: userId, sid });
    };

    console.log(`credits benchmark on ${name} (${RESERVATIONS} reservations, concurrency ${CONCURRENCY})\n`);

    // 1. One hot account: every reservation contends for the same stream lock.
    const hot = await newAccount(RESERVATIONS * 2);
    const hotRate = await reservationsPerSecond(bus, () => hot, RESERVATIONS);
    console.log(`reservations/s, 1 hot account:    ${hotRate.toFixed(0)}`);

    // 2. 100 accounts: the same work spread over independent streams.
    const accounts: string[] = [];
    for (let i = 0; i < 100; i++) accounts.push(await newAccount(RESERVATIONS));
    const spreadRate = await reservationsPerSecond(bus, (i) => accounts[i % accounts.length], RESERVATIONS);
    console.log(`reservations/s, 100 accounts:     ${spreadRate.toFixed(0)}`);

    // 3. Read latency against history length. The long stream is seeded in SQL (100k events
    //    through the command path would take minutes), then the real rebuild writes its
    //    projection and snapshot, as `credits:rebuild` would.
    const long = randomUUID();
    await sql(`insert into users (id, email, first_name, last_name) values (?, ?, 'Long', 'Stream')`, [long, `${long}@bench.test`]);
    const period = periodOf(new Date());
    await sql(
      `insert into credit_events (id, stream_id, version, type, payload, metadata, idempotency_key, occurred_at)
       select gen_random_uuid(), ?, v,
              case when v = 1 then 'AllowanceGranted' else 'CreditsGranted' end,
              case when v = 1 then jsonb_build_object('period', ?::text, 'tier', 'free', 'amount', 3, 'reason', 'registration')
                   else jsonb_build_object('amount', 1, 'reason', 'bench', 'grantedBy', null) end,
              '{"source":"bench"}'::jsonb,
              case when v = 1 then 'reset:' || ?::text || ':' || ?::text || ':grant' else 'bench:' || ?::text || ':' || v end,
              now()
         from generate_series(1, ?) as v`,
      [`credits-${long}`, period, long, period, long, LONG_STREAM],
    );
    const rebuildStart = performance.now();
    await app.get(ProjectionRebuilder).rebuild({ userId: long });
    const rebuildMs = performance.now() - rebuildStart;
    const short = await newAccount(0);
    for (let i = 0; i < 9; i++) await bus.execute(new GrantCreditsCommand({ userId: short, amount: 1, reason: 'bench', grantId: randomUUID() }));
    const [{ n: shortEvents }] = await sql(`select count(*)::int as n from credit_events where stream_id = ?`, [`credits-${short}`]);
    const [{ n: longEvents }] = await sql(`select count(*)::int as n from credit_events where stream_id = ?`, [`credits-${long}`]);

    const longToken = await tokenFor(long);
    const shortToken = await tokenFor(short);
    const longStats = await readLatency(`${base}/api/v1/credits/balance`, longToken, READS);
    const shortStats = await readLatency(`${base}/api/v1/credits/balance`, shortToken, READS);
    console.log(`\nGET /api/v1/credits/balance (${READS} sequential reads each, after warm-up)`);
    console.log(`  ${String(longEvents).padStart(6)}-event stream: p50 ${longStats.p50.toFixed(2)} ms, p99 ${longStats.p99.toFixed(2)} ms`);
    console.log(`  ${String(shortEvents).padStart(6)}-event stream: p50 ${shortStats.p50.toFixed(2)} ms, p99 ${shortStats.p99.toFixed(2)} ms`);
    console.log(`  ratio long/short: p50 ${(longStats.p50 / shortStats.p50).toFixed(2)}x, p99 ${(longStats.p99 / shortStats.p99).toFixed(2)}x`);

    const reserveLong = await timeOne(() => bus.execute(new ReserveCreditsCommand({ userId: long, jobId: 'bench-long', attempt: 1, amount: 1 })));
    const reserveShort = await timeOne(() => bus.execute(new ReserveCreditsCommand({ userId: short, jobId: 'bench-short', attempt: 1, amount: 1 })));
    console.log(`\none reservation on the ${longEvents}-event stream: ${reserveLong.toFixed(2)} ms (snapshot + tail); on the ${shortEvents}-event stream: ${reserveShort.toFixed(2)} ms`);
    console.log(`rebuild of the ${LONG_STREAM}-event stream: ${rebuildMs.toFixed(0)} ms`);
  } finally {
    await app?.close();
    await deleteRedisKeys(prefix);
    await withAdminClient((client) => dropDatabase(client, name));
  }
}

async function reservationsPerSecond(bus: CommandBus, accountFor: (i: number) => string, total: number): Promise<number> {
  const tag = randomBytes(3).toString('hex');
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < total; i = next++) {
        await bus.execute(new ReserveCreditsCommand({ userId: accountFor(i), jobId: `bench-${tag}-${i}`, attempt: 1, amount: 1 }));
      }
    }),
  );
  return total / ((performance.now() - start) / 1000);
}

async function readLatency(url: string, token: string, count: number): Promise<{ p50: number; p99: number }> {
  const get = async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET balance answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 100; i++) await get();
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await get();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(count * 0.5)], p99: samples[Math.min(count - 1, Math.floor(count * 0.99))] };
}

async function timeOne(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
