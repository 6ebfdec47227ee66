/**
 * The main job for a new user, end to end on this machine: migrate, start the API and one GPU
 * runner, register a demo user, create a project from an example script, render it with live
 * progress from the SSE stream, and download the film, subtitles, thumbnail, narration, music and
 * scene stills into ./out/.
 *
 *   npm run demo [-- --example examples/lighthouse-keeper.fountain] [--keep-running]
 */
import { spawn, ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createParser } from 'eventsource-parser';
import { migrate } from '../src/platform/database/migrate';

const root = resolve(__dirname, '..', '..');
const { values } = parseArgs({
  options: {
    example: { type: 'string', default: 'examples/lighthouse-keeper.fountain' },
    out: { type: 'string', default: 'out' },
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    'keep-running': { type: 'boolean', default: false },
  },
});

const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  PORT: values.port,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ai_film_studio',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  REDIS_PREFIX: process.env.REDIS_PREFIX ?? 'afs',
  // A demo needs no secrets of yours; a real deployment sets its own JWT_SECRET.
  JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString('hex'),
  STORAGE_LOCAL_DIR: process.env.STORAGE_LOCAL_DIR ?? resolve(root, 'storage'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
const api = `http://127.0.0.1:${values.port}`;
const children: ChildProcess[] = [];

function start(name: string, script: string): ChildProcess {
  const child = spawn(process.execPath, [resolve(root, 'dist', script)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${name}] ${chunk}`));
  child.on('exit', (code) => {
    if (code && !stopping) {
      console.error(`${name} exited with code ${code}`);
      process.exit(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(): Promise<void> {
  stopping = true;
  await Promise.all(
    children.map((c) => new Promise<void>((done) => (c.exitCode !== null ? done() : (c.once('exit', () => done()), c.kill('SIGTERM'))))),
  );
}

async function call<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(api + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : (undefined as T);
}

async function waitReady(): Promise<void> {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${api}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API did not become ready at ${api}`);
}

/** What the job's stream says in each event (job.progress, job.completed, job.failed, job.cancelled). */
interface JobEvent {
  status: string;
  progress: number;
  currentStep?: string | null;
  error?: string;
}

/** Follows the job's SSE stream, drawing a bar, until the job ends. */
async function follow(jobId: string, token: string): Promise<string> {
  const res = await fetch(`${api}/api/v1/jobs/${jobId}/events`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
  // The parser calls back per event; the first one that is not progress ends the job and the stream.
  let ended: { type: string; event: JobEvent } | undefined;
  const parser = createParser({
    onEvent: ({ event: type, data }) => {
      if (ended || !type || !data) return;
      const event = JSON.parse(data) as JobEvent;
      const width = 30;
      const filled = Math.round((event.progress / 100) * width);
      process.stdout.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(event.progress).padStart(3)}%  ${(event.currentStep ?? event.status).padEnd(10)}`);
      if (type !== 'job.progress') ended = { type, event };
    },
  });
  for await (const text of res.body.pipeThrough(new TextDecoderStream())) {
    parser.feed(text);
    if (!ended) continue;
    process.stdout.write('\n');
    if (ended.type === 'job.failed') throw new Error(`the render failed: ${ended.event.error}`);
    return ended.type;
  }
  throw new Error('the event stream ended before the job did');
}

async function download(assetId: string, token: string, file: string): Promise<void> {
  const res = await fetch(`${api}/api/v1/assets/${assetId}/download`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`download of ${assetId} answered ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as never), createWriteStream(file));
}

async function main(): Promise<void> {
  const example = resolve(root, values.example!);
  const script = await readFile(example, 'utf8');
  console.log('Migrating the database…');
  await migrate(env.DATABASE_URL!);
  console.log('Starting the API and a GPU runner…');
  start('api', 'src/main.js');
  start('runner', 'gpu-runner/src/main.js');
  await waitReady();

  const email = `demo-${randomBytes(4).toString('hex')}@example.com`;
  const password = randomBytes(12).toString('base64url');
  const auth = await call('POST', '/api/v1/auth/register', { email, password, firstName: 'Demo', lastName: 'User' });
  const token = auth.accessToken;
  const title = basename(example, extname(example)).replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
  const project = await call('POST', '/api/v1/projects', { title, script, options: { style: 'cinematic', resolution: '720p', fps: 30 } }, token);
  const job = await call('POST', `/api/v1/projects/${project.id}/jobs`, { type: 'full_generation', priority: 3 }, token);
  console.log(`Rendering "${title}" (job ${job.id})`);
  const started = Date.now();
  await follow(job.id, token);

  const outDir = resolve(process.cwd(), values.out!);
  await mkdir(outDir, { recursive: true });
  // A page at a time: a long script has more files (a still per scene) than one page holds.
  const assets: { items: { id: string; kind: string; sceneIndex: number | null; fileName: string }[] } = { items: [] };
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page: { items: typeof assets.items; nextCursor: string | null } = await call(
      'GET',
      `/api/v1/projects/${project.id}/assets?jobId=${job.id}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      undefined,
      token,
    );
    assets.items.push(...page.items);
    cursor = page.nextCursor;
  }
  const names: Record<string, string> = {
    film: 'film.mp4',
    subtitles_srt: 'subtitles.srt',
    subtitles_vtt: 'subtitles.vtt',
    thumbnail: 'thumbnail.jpg',
    scenes: 'scenes.json',
    narration: 'narration.wav',
    music: 'music.wav',
  };
  const written: string[] = [];
  const stills: string[] = [];
  // An earlier demo's stills would mix with these (another example has other scenes).
  await rm(resolve(outDir, 'stills'), { recursive: true, force: true });
  await mkdir(resolve(outDir, 'stills'), { recursive: true });
  for (const asset of assets.items) {
    const still = asset.kind === 'image';
    const name = still ? `stills/scene-${String(asset.sceneIndex! + 1).padStart(3, '0')}.png` : (names[asset.kind] ?? asset.fileName);
    const file = resolve(outDir, name);
    await download(asset.id, token, file);
    (still ? stills : written).push(file);
  }
  const balance = await call('GET', '/api/v1/credits/balance', undefined, token);
  console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Files:`);
  for (const file of written) console.log(`  ${file}`);
  if (stills.length) console.log(`  ${resolve(outDir, 'stills')}/ (the ${stills.length} scene stills)`);
  console.log(`\nSwagger UI:   ${api}/docs`);
  console.log(`Demo user:    ${email} / ${password}`);
  console.log(`Credits left: ${balance.available}`);
  if (values['keep-running']) {
    console.log('\nThe API and the runner keep running (--keep-running); Ctrl-C stops them.');
    process.on('SIGINT', () => void stop().then(() => process.exit(0)));
    return;
  }
  await stop();
}

main().catch(async (error) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : error}`);
  await stop();
  process.exit(1);
});
