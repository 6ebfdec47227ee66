/**
 * Queue and platform benchmark (prints figures; asserts nothing about timings).
 *
 *   npm run bench:queue
 *
 * 1. Latency from POST /projects/:id/jobs to the runner's first progress, as a client sees it on
 *    the job's SSE stream (API -> PostgreSQL -> Bull -> real runner -> Bull progress -> API -> Redis
 *    pub/sub -> SSE); each job is cancelled once it has started.
 * 2. No-op throughput: a processor registered by this benchmark alone takes render jobs and answers
 *    "completed" at once, so the figure is the platform's cost per job (submit, reserve, enqueue,
 *    result queue, capture, assets, events), next to bare Bull with a no-op processor in the same run.
 * 3. full_generation of the 60-second example through the API and the real runner, against the bare
 *    render engine on the same script: the difference is the platform's overhead.
 *
 * It creates its own throwaway database, Redis prefix and storage folder and removes them at the end.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Bull from 'bull';
import { QUEUES, type JobResultMessage, type RenderJobPayload, type RenderOptions } from '@afs/contracts';
import { LocalStorage } from '@afs/storage';
import { loadConfig } from '../src/platform/config/config';
import { createApp } from '../src/platform/app/create-app';
import { migrate } from '../src/platform/database/migrate';
import { renderFilm } from '../gpu-runner/src/pipeline/render-film';
import { dropDatabase, withAdminClient } from '../test/support/postgres-admin';
import { databaseUrl, TEST_REDIS_URL } from '../test/support/test-env';
import { deleteRedisKeys } from '../test/support/test-redis';
import { HttpClient } from '../test/support/http-client';
import { SseClient } from '../test/support/sse-client';
import { startTestRunner } from '../test/support/test-runner';

const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 9);
const NOOP_JOBS = Number(process.env.BENCH_NOOP_JOBS ?? 300);
const EXAMPLE = join(__dirname, '../../examples/bench-night-market.fountain');
const FILM_OPTIONS: Partial<RenderOptions> = { resolution: '720p', fps: 30 };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  const name = `afs_test_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `afs-test-bench-${randomBytes(4).toString('hex')}`;
  const storageDir = await mkdtemp(join(tmpdir(), 'afs-bench-storage-'));
  await withAdminClient((client) => client.query(`create database "${name}"`));
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    await migrate(databaseUrl(name));
    app = await createApp(
      loadConfig({
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: databaseUrl(name),
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
        LOG_LEVEL: 'silent',
        SWAGGER_ENABLED: 'false',
        STORAGE_LOCAL_DIR: storageDir,
        BCRYPT_ROUNDS: '4',
        AUTH_RATE_LIMIT: '100000',
        // Jobs are free and unlimited here: the figures are about the queue, not about plans.
        JOB_COST_FULL_GENERATION: '0',
        JOB_CONCURRENCY_FREE: '100000',
        JOB_BULL_ATTEMPTS: '1',
      }),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const http = new HttpClient(url);
    const auth = await http.post('/api/v1/auth/register', { email: `bench-${prefix}@example.com`, password: 'bench password 1', firstName: 'B', lastName: 'B' });
    const token = auth.body.accessToken as string;
    const newProject = async (script: string, options: Partial<RenderOptions>) =>
      (await http.post('/api/v1/projects', { title: 'Bench', script, options }, { token })).body.id as string;

    // 1. Latency to first progress, with the real runner.
    const runner = await startTestRunner(prefix, storageDir);
    const tiny = await newProject('Rain taps on the window. A cat watches the street.', { resolution: '480p', fps: 24, music: false });
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const started = performance.now();
      const job = await http.post(`/api/v1/projects/${tiny}/jobs`, { type: 'full_generation' }, { token });
      const stream = await SseClient.open(`${url}/api/v1/jobs/${job.body.id}/events`, token);
      await stream.waitFor((e) => e.data.status === 'processing');
      latencies.push(performance.now() - started);
      await http.post(`/api/v1/jobs/${job.body.id}/cancel`, undefined, { token });
      await stream.waitFor((e) => e.type === 'job.cancelled');
      stream.close();
    }
    console.log(`POST /jobs -> first progress on SSE (${LATENCY_SAMPLES} jobs): p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}`);

    // 3. The 60-second example through the platform, then bare.
    const script = await readFile(EXAMPLE, 'utf8');
    const filmProject = await newProject(script, FILM_OPTIONS);
    const platformStart = performance.now();
    const filmJob = await http.post(`/api/v1/projects/${filmProject}/jobs`, { type: 'full_generation', priority: 3 }, { token });
    const filmStream = await SseClient.open(`${url}/api/v1/jobs/${filmJob.body.id}/events`, token);
    const end = await filmStream.waitFor((e) => e.type !== 'job.progress', 900_000);
    filmStream.close();
    const platformSeconds = (performance.now() - platformStart) / 1000;
    await runner.stop();
    if (end.type !== 'job.completed') throw new Error(`the film job ended ${end.type}: ${end.data.error}`);
    const bareDir = await mkdtemp(join(tmpdir(), 'afs-bench-bare-'));
    const bareStart = performance.now();
    await renderFilm({ jobId: 'bench-bare', script, title: 'Bench', options: FILM_OPTIONS, storage: new LocalStorage(bareDir) });
    const bareSeconds = (performance.now() - bareStart) / 1000;
    await rm(bareDir, { recursive: true, force: true });
    console.log(
      `full_generation of the 60 s example at 720p30: through the API ${platformSeconds.toFixed(1)} s, ` +
        `bare engine ${bareSeconds.toFixed(1)} s, overhead ${(platformSeconds - bareSeconds).toFixed(1)} s ` +
        `(${((platformSeconds / bareSeconds - 1) * 100).toFixed(1)}%)`,
    );

    // 2. No-op throughput: this processor exists only in this benchmark.
    const render = new Bull<RenderJobPayload>(QUEUES.render, TEST_REDIS_URL, { prefix });
    const results = new Bull<JobResultMessage>(QUEUES.jobResults, TEST_REDIS_URL, { prefix });
    void render.process(8, async (job) => {
      const now = new Date().toISOString();
      await results.add(
        { jobId: job.data.jobId, attempt: job.data.attempt, outcome: 'completed', outputs: [], final: true, stepsRun: [], stepsSkipped: [], startedAt: now, finishedAt: now },
        { jobId: `${job.data.jobId}:${job.data.attempt}:result`, removeOnComplete: true },
      );
    });
    const noopProject = await newProject('A single line.', { resolution: '480p' });
    const noopStart = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < NOOP_JOBS; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, NOOP_JOBS - i) }, () => http.post(`/api/v1/projects/${noopProject}/jobs`, { type: 'full_generation' }, { token })),
      );
      ids.push(...batch.map((r) => r.body.id));
    }
    while ((await countCompleted(http, token, noopProject)) < ids.length) await new Promise((r) => setTimeout(r, 100));
    const platformRate = NOOP_JOBS / ((performance.now() - noopStart) / 1000);
    await render.close();

    const bare = new Bull<{ n: number }>('bench-noop', TEST_REDIS_URL, { prefix });
    let processed = 0;
    const allDone = new Promise<void>((resolve) => {
      void bare.process(8, async () => {
        if (++processed === NOOP_JOBS) resolve();
      });
    });
    const bareQueueStart = performance.now();
    await bare.addBulk(Array.from({ length: NOOP_JOBS }, (_, n) => ({ data: { n }, opts: { removeOnComplete: true } })));
    await allDone;
    const bullRate = NOOP_JOBS / ((performance.now() - bareQueueStart) / 1000);
    await Promise.all([bare.close(), results.close()]);
    console.log(
      `no-op jobs (${NOOP_JOBS}, one no-op runner, concurrency 8): through the API ${platformRate.toFixed(0)} jobs/s ` +
        `(submit to completed in PostgreSQL), bare Bull ${bullRate.toFixed(0)} jobs/s, ratio ${(bullRate / platformRate).toFixed(1)}x`,
    );
  } finally {
    await app?.close();
    await deleteRedisKeys(prefix);
    await withAdminClient((client) => dropDatabase(client, name));
    await rm(storageDir, { recursive: true, force: true });
  }
}

/** Completed jobs of the project, counted through the API's own paginated list. */
async function countCompleted(http: HttpClient, token: string, projectId: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const res: { body: { items: unknown[]; nextCursor: string | null } } = await http.get(
      `/api/v1/jobs?status=completed&projectId=${projectId}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    count += res.body.items.length;
    cursor = res.body.nextCursor;
  } while (cursor);
  return count;
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
