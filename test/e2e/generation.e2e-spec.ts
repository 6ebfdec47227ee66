import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { QUEUES } from '@afs/contracts';
import { RenderQueue } from '../../src/modules/jobs/queue/render-queue';
import { JobReconciler } from '../../src/modules/jobs/queue/job-reconciler';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestRunner, TestRunner } from '../support/test-runner';
import { registerUser, RegisteredUser } from '../support/users';
import { balance, createProject } from '../support/projects';
import { SseClient } from '../support/sse-client';
import { deleteRedisKeys } from '../support/test-redis';
import { eventually } from '../support/eventually';

const SCRIPT = 'The harbour wakes before dawn. Gulls circle the boats.\n\nBy noon the market is loud and bright.';

async function ledgerTypes(t: TestApp, user: RegisteredUser): Promise<string[]> {
  const rows = await t.sql<{ type: string; attempt: string | null }>(
    `select type, payload->>'attempt' as attempt from credit_events
      where stream_id = ? and type in ('CreditsReserved', 'ReservationCaptured', 'ReservationReleased') order by version`,
    [`credits-${user.id}`],
  );
  return rows.map((r) => `${r.type}:${r.attempt}`);
}

/** ffmpeg processes started by this test process (the runner works in-process here). */
function ffmpegChildren(): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), 'ffmpeg'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('generation: API, Bull, the real runner, credits, assets, live events', () => {
  let t: TestApp;
  let runner: TestRunner;
  let storageDir: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'afs-e2e-storage-'));
    t = await startTestApp({
      STORAGE_LOCAL_DIR: storageDir,
      JOB_BULL_ATTEMPTS: '1',
      JOB_BACKOFF_MS: '200',
      SSE_HEARTBEAT_MS: '300',
      JOB_RECONCILE_INTERVAL_MS: '600000',
    });
    runner = await startTestRunner(t.config.REDIS_PREFIX, storageDir);
  });
  afterAll(async () => {
    await runner?.stop();
    await t?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('renders a film from a script: live progress, credits captured, files downloadable', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user, { script: SCRIPT, options: { resolution: '480p', fps: 24, music: true } });
    const stream = await SseClient.open(`${t.url}/api/v1/events`, user.accessToken);
    const submit = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    expect(submit.status).toBe(202);
    const jobId = submit.body.id;

    const done = await stream.waitFor((e) => e.data.jobId === jobId && e.type !== 'job.progress');
    expect(done.type).toBe('job.completed');
    expect(done.data).toMatchObject({ status: 'completed', progress: 100 });
    const steps = new Set(stream.events.filter((e) => e.type === 'job.progress').map((e) => e.data.currentStep));
    expect([...steps]).toEqual(expect.arrayContaining(['analyse', 'voice', 'compose']));
    stream.close();

    const job = await t.http.get(`/api/v1/jobs/${jobId}`, { token: user.accessToken });
    expect(job.body).toMatchObject({ status: 'completed', progress: 100, attempt: 1, error: null });
    expect(job.body.startedAt).not.toBeNull();
    expect((await t.http.get(`/api/v1/projects/${project.id}`, { token: user.accessToken })).body.status).toBe('completed');
    expect(await balance(t, user)).toMatchObject({ reserved: 0, available: 2 });
    expect(await ledgerTypes(t, user)).toEqual(['CreditsReserved:1', 'ReservationCaptured:1']);

    const assets = await t.http.get(`/api/v1/projects/${project.id}/assets`, { token: user.accessToken });
    const fetchAsset = async (asset: { id: string }) => {
      const link = await t.http.get(`/api/v1/assets/${asset.id}/download`, { token: user.accessToken });
      expect(link.status).toBe(302);
      return Buffer.from(await (await fetch(new URL(link.headers.get('location')!, t.url))).arrayBuffer());
    };
    const scenes = JSON.parse((await fetchAsset(assets.body.items.find((a: { kind: string }) => a.kind === 'scenes'))).toString('utf8')).scenes;
    // Listed in the order a person looks for them: the film first, then a still per scene of
    // scenes.json in scene order (each a PNG of the film's frame size), narration and music last.
    expect(assets.body.items.map((a: { kind: string }) => a.kind)).toEqual([
      'film', 'subtitles_srt', 'subtitles_vtt', 'thumbnail', 'scenes', ...scenes.map(() => 'image'), 'narration', 'music',
    ]);
    const stills = assets.body.items.filter((a: { kind: string }) => a.kind === 'image');
    expect(stills.map((a: { sceneIndex: number; width: number; height: number }) => [a.sceneIndex, a.width, a.height])).toEqual(
      scenes.map((scene: { index: number }) => [scene.index, 854, 480]),
    );
    const png = await fetchAsset(stills[0]);
    expect(png.readUInt32BE(0)).toBe(0x89504e47);
    expect(png.length).toBe(stills[0].size);
    const film = assets.body.items.find((a: { kind: string }) => a.kind === 'film');
    const link = await t.http.get(`/api/v1/assets/${film.id}/download`, { token: user.accessToken });
    expect(link.status).toBe(302);
    const bytes = Buffer.from(await (await fetch(new URL(link.headers.get('location')!, t.url))).arrayBuffer());
    expect(bytes.length).toBe(Number(film.size));
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
  });

  it('cancels an active render: the runner stops, ffmpeg is gone, the credit comes back once', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user, { script: SCRIPT.repeat(3), options: { resolution: '480p', fps: 24 } });
    const submit = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const stream = await SseClient.open(`${t.url}/api/v1/jobs/${submit.body.id}/events`, user.accessToken);
    await stream.waitFor((e) => e.type === 'job.progress' && e.data.status === 'processing');

    const cancel = await t.http.post(`/api/v1/jobs/${submit.body.id}/cancel`, undefined, { token: user.accessToken });
    expect(cancel.status).toBe(202);
    expect(['processing', 'cancelled']).toContain(cancel.body.status);
    const ended = await stream.waitFor((e) => e.type === 'job.cancelled');
    expect(ended.data.status).toBe('cancelled');
    stream.close();
    await eventually(() => expect(ffmpegChildren()).toEqual([]));
    expect(await balance(t, user)).toMatchObject({ reserved: 0, available: 3 });
    expect(await ledgerTypes(t, user)).toEqual(['CreditsReserved:1', 'ReservationReleased:1']);
    expect((await t.http.get(`/api/v1/projects/${project.id}`, { token: user.accessToken })).body.status).toBe('draft');
  });

  it('fails a job when a step fails, then a retry resumes and succeeds, each attempt settled once', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user, { script: SCRIPT, options: { resolution: '480p', fps: 24, music: false } });
    runner.faults.voiceDown = true;
    try {
      const submit = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
      const stream = await SseClient.open(`${t.url}/api/v1/jobs/${submit.body.id}/events`, user.accessToken);
      const failed = await stream.waitFor((e) => e.type === 'job.failed');
      stream.close();
      expect(failed.data.error).toMatch(/voice/);
      const job = await t.http.get(`/api/v1/jobs/${submit.body.id}`, { token: user.accessToken });
      expect(job.body).toMatchObject({ status: 'failed', failedStep: 'voice' });
      expect(await balance(t, user)).toMatchObject({ reserved: 0, available: 3 });
      expect((await t.http.get(`/api/v1/projects/${project.id}`, { token: user.accessToken })).body.status).toBe('failed');

      runner.faults.voiceDown = false;
      const retry = await t.http.post(`/api/v1/jobs/${submit.body.id}/retry`, undefined, { token: user.accessToken });
      expect(retry.status).toBe(202);
      expect(retry.body).toMatchObject({ status: 'queued', attempt: 2, error: null });
      const again = await SseClient.open(`${t.url}/api/v1/jobs/${submit.body.id}/events`, user.accessToken);
      expect((await again.waitFor((e) => e.type !== 'job.progress')).type).toBe('job.completed');
      again.close();
      expect(await ledgerTypes(t, user)).toEqual(['CreditsReserved:1', 'ReservationReleased:1', 'CreditsReserved:2', 'ReservationCaptured:2']);
      expect(await balance(t, user)).toMatchObject({ reserved: 0, available: 2 });
      expect((await t.http.post(`/api/v1/jobs/${submit.body.id}/retry`, undefined, { token: user.accessToken })).status).toBe(409);
    } finally {
      runner.faults.voiceDown = false;
    }
  });

  it('re-renders one step of a finished film as its own job', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user, { script: SCRIPT, options: { resolution: '480p', fps: 24, music: false } });
    const stream = await SseClient.open(`${t.url}/api/v1/events`, user.accessToken);
    const full = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    await stream.waitFor((e) => e.data.jobId === full.body.id && e.type === 'job.completed');
    const thumb = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'thumbnail_generation' }, { token: user.accessToken });
    expect(thumb.status).toBe(202);
    expect((await stream.waitFor((e) => e.data.jobId === thumb.body.id && e.type !== 'job.progress')).type).toBe('job.completed');
    stream.close();
    const assets = await t.http.get(`/api/v1/projects/${project.id}/assets?jobId=${thumb.body.id}`, { token: user.accessToken });
    expect(assets.body.items.map((a: { kind: string }) => a.kind)).toContain('thumbnail');
    expect(await balance(t, user)).toMatchObject({ reserved: 0, available: 1 });
  });

  it('composes the stills of a later image_generation: single-step jobs build on the newest finished steps', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user, { script: SCRIPT, options: { resolution: '480p', fps: 24, music: false } });
    const stream = await SseClient.open(`${t.url}/api/v1/events`, user.accessToken);
    const run = async (type: string) => {
      const job = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type }, { token: user.accessToken });
      expect(job.status).toBe(202);
      expect((await stream.waitFor((e) => e.data.jobId === job.body.id && e.type !== 'job.progress')).type).toBe('job.completed');
      return job.body.id as string;
    };
    const full = await run('full_generation');
    const stills = await run('image_generation');
    const recomposed = await run('video_composition');
    stream.close();

    // Where each step of the new film came from, as the runner recorded it beside the copied files.
    const manifest = JSON.parse(await readFile(join(storageDir, 'jobs', recomposed, 'manifest.json'), 'utf8'));
    expect(manifest.steps.images.origin).toBe(stills);
    expect([manifest.steps.analyse.origin, manifest.steps.voice.origin, manifest.steps.subtitles.origin]).toEqual([full, full, full]);
    expect(manifest.steps.compose.origin).toBeUndefined();
    const kinds = async (jobId: string) =>
      (await t.http.get(`/api/v1/projects/${project.id}/assets?jobId=${jobId}`, { token: user.accessToken })).body.items.map((a: { kind: string }) => a.kind);
    expect(await kinds(stills)).toEqual(expect.arrayContaining(['scenes', 'image']));
    expect(await kinds(recomposed)).toEqual(['film', 'subtitles_srt', 'subtitles_vtt', 'scenes']);
  });

  it('finishes every job even when Redis loses the queue mid-run (the reconciler re-enqueues)', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user, { script: SCRIPT, options: { resolution: '480p', fps: 24, music: false } });
    const submit = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const stream = await SseClient.open(`${t.url}/api/v1/jobs/${submit.body.id}/events`, user.accessToken);
    await stream.waitFor((e) => e.type === 'job.progress' && e.data.status === 'processing');
    const removed = await deleteRedisKeys(`${t.config.REDIS_PREFIX}:render`);
    expect(removed).toBeGreaterThan(0);
    // Passes of the reconciler until the job is past its grace for adds in flight and is added again
    // (or ends first: the runner still renders it and its result still arrives).
    await eventually(async () => {
      const { reenqueued } = await t.app.get(JobReconciler).reconcile();
      expect(reenqueued > 0 || stream.events.some((e) => e.type !== 'job.progress')).toBe(true);
    }, 15_000, 250);
    const end = await stream.waitFor((e) => e.type !== 'job.progress', 180_000);
    stream.close();
    expect(end.type).toBe('job.completed');
    expect(await ledgerTypes(t, user)).toEqual(['CreditsReserved:1', 'ReservationCaptured:1']);
    // The re-enqueued copy renders nothing new (every step is in storage) and its duplicate result changes nothing.
    await eventually(async () => expect(await t.app.get(RenderQueue).get(submit.body.id, 1)).toBeNull(), 120_000, 500);
    const results = t.app.get<Queue>(getQueueToken(QUEUES.jobResults));
    await eventually(async () => expect(await results.getJobCounts()).toMatchObject({ waiting: 0, active: 0, delayed: 0 }), 30_000, 200);
    expect(await ledgerTypes(t, user)).toEqual(['CreditsReserved:1', 'ReservationCaptured:1']);
  });

  it('closes a live stream when its session logs out', async () => {
    const user = await registerUser(t);
    const stream = await SseClient.open(`${t.url}/api/v1/events`, user.accessToken);
    expect((await t.http.post('/api/v1/auth/logout', { refreshToken: user.refreshToken })).status).toBe(204);
    await stream.waitForEnd(5000);
    expect(stream.ended).toBe(true);
  });
});
