import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_RENDER_OPTIONS,
  RENDER_STEPS,
  type JobResultMessage,
  type RenderJobPayload,
} from '@afs/contracts';
import { LocalStorage } from '@afs/storage';
import { eventually } from '../../../test/support/eventually';
import { TEST_REDIS_URL } from '../../../test/support/test-env';
import { deleteRedisKeys } from '../../../test/support/test-redis';
import { loadRunnerConfig } from '../config/runner-config';
import { createProviders, type ProviderSet } from '../providers/provider-set';
import type { VoiceProvider } from '../providers/voice/voice-provider';
import { ffmpegChildren } from '../testing/media-probe';
import { TestApi } from '../testing/test-api';
import { createLogger } from './logger';
import { startRenderWorker, type RenderWorker } from './render-worker';
import { loadWorkerConfig } from './worker-config';

// Real Redis (own Bull prefix, own keys deleted at the end), real ffmpeg and espeak-ng through the
// engine; a two-scene script at 480p and 24 fps keeps each render to a few seconds.
jest.setTimeout(90_000);

const runnerConfig = loadRunnerConfig({ RENDER_CONCURRENCY: '2' });
const logger = createLogger('silent');

/** A voice vendor that never answers: a request ends only when the render stops it. */
class HangingVoice implements VoiceProvider {
  readonly name = 'hanging';
  readonly maxInputChars = 4096;
  synthesize(request: { signal?: AbortSignal }): Promise<Buffer> {
    return new Promise((_, reject) => request.signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true }));
  }
}

/** A voice vendor that is down: every request fails. */
class DownVoice implements VoiceProvider {
  readonly name = 'down';
  readonly maxInputChars = 4096;
  async synthesize(): Promise<Buffer> {
    throw new Error('voice vendor answered 503');
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('render worker on Bull', () => {
  const prefix = `afs-test-${randomBytes(6).toString('hex')}`;
  let root: string;
  let storage: LocalStorage;
  let api: TestApi;
  let worker: RenderWorker;
  const lockEvents: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'afs-worker-spec-'));
    storage = new LocalStorage(join(root, 'storage'));
    api = new TestApi(prefix);
    await api.ready();
    // A 2 s lock renewed every second: a render that blocked the event loop would lose it.
    const config = loadWorkerConfig({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      BULL_LOCK_DURATION_MS: '2000',
      BULL_STALLED_INTERVAL_MS: '1000',
    });
    worker = await startRenderWorker({ worker: config, runner: runnerConfig, storage, logger });
    worker.renderQueue.on('stalled', (job) => lockEvents.push(`stalled ${job.id}`));
    worker.renderQueue.on('lock-extension-failed', (job) => lockEvents.push(`lock lost ${job.id}`));
  });

  afterAll(async () => {
    await worker?.stop(5_000);
    await api?.close();
    await deleteRedisKeys(prefix);
    await rm(root, { recursive: true, force: true });
  });

  describe('a full_generation job', () => {
    let payload: RenderJobPayload;
    let result: JobResultMessage;

    beforeAll(async () => {
      payload = await api.submit();
      result = await api.result(payload);
    });

    it('sends one final completed result with every step run', async () => {
      expect(result).toMatchObject({
        jobId: payload.jobId,
        attempt: 1,
        outcome: 'completed',
        final: true,
        tries: 1,
        stepsRun: [...RENDER_STEPS],
        stepsSkipped: [],
      });
      expect(Date.parse(result.finishedAt)).toBeGreaterThanOrEqual(Date.parse(result.startedAt));
      expect((await api.allResults(payload)).map((job) => job.id)).toEqual([
        `${payload.jobId}:1:result`,
      ]);
      // Durable for the API: kept until consumed, retried when the API's handler fails.
      const stored = await api.results.getJob(`${payload.jobId}:1:result`);
      expect(stored!.opts).toMatchObject({
        attempts: 10,
        removeOnComplete: true,
        backoff: { type: 'exponential' },
      });
    });

    it('lists every produced file, present in storage with the right size and checksum', async () => {
      expect(result.outputs.map((o) => o.kind)).toEqual([
        'film',
        'subtitles_srt',
        'subtitles_vtt',
        'thumbnail',
        'scenes',
        'image',
        'image',
        'narration',
        'music',
      ]);
      for (const output of result.outputs) {
        expect(output.storageKey.startsWith(`jobs/${payload.jobId}/`)).toBe(true);
        const bytes = await storage.get(output.storageKey);
        expect(output.size).toBe(bytes.length);
        expect(output.checksum).toBe(sha256(bytes));
      }
      const byKind = Object.fromEntries(result.outputs.map((o) => [o.kind, o]));
      expect(byKind.film).toMatchObject({ contentType: 'video/mp4', width: 854, height: 480 });
      expect(byKind.film.durationSeconds).toBeGreaterThan(2);
      // YouTube's thumbnail size, whatever the film's resolution.
      expect(byKind.thumbnail).toMatchObject({
        contentType: 'image/jpeg',
        width: 1280,
        height: 720,
      });
      expect(byKind.subtitles_vtt.contentType).toBe('text/vtt');
      // The material the film is made of: a still per scene (the frame's size) and the two sound tracks.
      const stills = result.outputs.filter((o) => o.kind === 'image');
      expect(stills.map((o) => [o.sceneIndex, o.contentType, o.width, o.height])).toEqual([
        [0, 'image/png', 854, 480],
        [1, 'image/png', 854, 480],
      ]);
      for (const kind of ['narration', 'music'] as const) {
        expect(byKind[kind].contentType).toBe('audio/wav');
        expect(byKind[kind]).not.toHaveProperty('width');
        expect(Math.abs(byKind[kind].durationSeconds! - byKind.film.durationSeconds!)).toBeLessThan(0.5);
      }
      expect(
        JSON.parse((await storage.get(byKind.scenes.storageKey)).toString('utf8')).scenes,
      ).toHaveLength(2);
    });

    it('reports progress through Bull, step by step up to 100 percent', async () => {
      const progress = api.progress.get(`${payload.jobId}:1`) ?? [];
      expect([...new Set(progress.map((p) => p.step))]).toEqual([...RENDER_STEPS]);
      expect(progress[progress.length - 1]).toEqual({
        step: 'thumbnail',
        percent: 100,
        overall: 100,
      });
      const overall = progress.map((p) => p.overall);
      expect(overall).toEqual([...overall].sort((a, b) => a - b));
      expect((await api.renderJob(payload))!.progress()).toEqual({
        step: 'thumbnail',
        percent: 100,
        overall: 100,
      });
    });

    it('keeps its 2-second lock for the whole render: nothing stalled, the job completed once', async () => {
      const job = await api.settledRenderJob(payload);
      expect(await job.getState()).toBe('completed');
      expect(job.attemptsMade).toBe(0);
      expect(job!.returnvalue).toMatchObject({ stepsRun: [...RENDER_STEPS], outputs: result.outputs.length });
      expect(api.stalled).toEqual([]);
      expect(lockEvents).toEqual([]);
    });

    it('renders a single-step job from it: thumbnail_generation reuses analyse, images and voice', async () => {
      const single = await api.submit({
        type: 'thumbnail_generation',
        baseJobId: payload.jobId,
        title: 'Knock Twice',
      });
      const message = await api.result(single);
      expect(message).toMatchObject({
        outcome: 'completed',
        final: true,
        stepsSkipped: ['analyse', 'images', 'voice'],
        stepsRun: ['thumbnail'],
      });
      expect(message.outputs.map((o) => o.kind)).toEqual(['thumbnail', 'scenes']);
      for (const output of message.outputs) {
        expect(output.storageKey.startsWith(`jobs/${single.jobId}/`)).toBe(true);
        expect(output.checksum).toBe(sha256(await storage.get(output.storageKey)));
      }
      // The base job's files are copied, and the reused film description points at the new job's stills.
      const scenes = JSON.parse(
        (await storage.get(message.outputs[1].storageKey)).toString('utf8'),
      );
      expect(scenes.jobId).toBe(single.jobId);
      for (const scene of scenes.scenes) expect(await storage.exists(scene.image)).toBe(true);
      expect(scenes.scenes[0].image.startsWith(`jobs/${single.jobId}/images/`)).toBe(true);
    });

    it('hands over what a single-step job made: image_generation its stills, voice_synthesis its narration', async () => {
      const images = await api.result(await api.submit({ type: 'image_generation', baseJobId: payload.jobId, options: { ...payload.options, resolution: '720p' } }));
      expect(images).toMatchObject({ outcome: 'completed', stepsSkipped: ['analyse'], stepsRun: ['images'] });
      expect(images.outputs.map((o) => [o.kind, o.sceneIndex, o.width])).toEqual([['scenes', undefined, undefined], ['image', 0, 1280], ['image', 1, 1280]]);
      for (const still of images.outputs.slice(1)) {
        expect(still.storageKey).toMatch(new RegExp(`^jobs/${images.jobId}/images/scene-00[12].png$`));
        expect(still.checksum).toBe(sha256(await storage.get(still.storageKey)));
      }

      const voice = await api.result(await api.submit({ type: 'voice_synthesis', baseJobId: payload.jobId }));
      expect(voice.outputs.map((o) => o.kind)).toEqual(['scenes', 'narration']);
      expect(voice.outputs[1]).toMatchObject({ contentType: 'audio/wav', storageKey: `jobs/${voice.jobId}/voice/narration.wav` });
      expect(voice.outputs[1].durationSeconds).toBeGreaterThan(2);
    });

    it('re-renders what an option change affects: a new aspect ratio redraws the images for the thumbnail', async () => {
      const single = await api.submit({
        type: 'thumbnail_generation',
        baseJobId: payload.jobId,
        options: { ...payload.options, aspectRatio: '9:16' },
      });
      const message = await api.result(single);
      expect(message).toMatchObject({
        outcome: 'completed',
        stepsSkipped: ['analyse', 'voice'],
        stepsRun: ['images', 'thumbnail'],
      });
    });

    it('cancels an active job in compose: ffmpeg is killed, the result is cancelled and Bull does not retry it', async () => {
      // A video_composition on the finished job starts straight in compose.
      const single = await api.submit({ type: 'video_composition', baseJobId: payload.jobId });
      const bullId = `${single.jobId}:1`;
      await eventually(
        () => {
          expect(
            (api.progress.get(bullId) ?? []).some((p) => p.step === 'compose' && p.percent > 0),
          ).toBe(true);
        },
        30_000,
        20,
      );
      expect(ffmpegChildren().length).toBeGreaterThan(0);
      await api.cancel(single.jobId);

      const message = await api.result(single);
      expect(message).toMatchObject({
        outcome: 'cancelled',
        final: true,
        outputs: [],
        tries: 1,
        stepsRun: [],
        stepsSkipped: ['analyse', 'images', 'voice', 'subtitles', 'music'],
      });
      // Killed children vanish once the kernel reaps them, a moment after the result is sent.
      await eventually(() => expect(ffmpegChildren()).toEqual([]), 5000);
      // Had Bull scheduled a retry, the job would wait delayed (100 ms backoff) with no finishedOn.
      const job = await api.settledRenderJob(single);
      expect(await job.getState()).toBe('failed');
      expect(job.attemptsMade).toBe(1);
      expect(job.failedReason).toMatch(/cancelled by the user/);
      expect((await api.allResults(single)).map((j) => j.data.outcome)).toEqual(['cancelled']);
    });
  });

  it('does not start a job whose cancel key is set, even when the pub/sub message was missed', async () => {
    const jobId = randomUUID();
    await api.cancel(jobId, false);
    const payload = await api.submit({ jobId });
    const message = await api.result(payload);
    expect(message).toMatchObject({
      outcome: 'cancelled',
      final: true,
      stepsRun: [],
      stepsSkipped: [],
    });
    expect(await storage.exists(`jobs/${jobId}/manifest.json`)).toBe(false);
  });

  it('fails invalid input once and finally, without Bull retries', async () => {
    const payload = await api.submit({
      script: '  ',
      options: { ...DEFAULT_RENDER_OPTIONS, style: 'vaporwave' as never },
    });
    const message = await api.result(payload);
    expect(message).toMatchObject({ outcome: 'failed', final: true, tries: 1, outputs: [] });
    expect(message.error).toMatch(/script is empty/);
    expect(message.error).toMatch(/style must be one of/);
    const job = await api.settledRenderJob(payload);
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(await api.allResults(payload)).toHaveLength(1);
  });

  it('renders a job handed to two runners at once only once: the second waits, then resumes every finished step', async () => {
    const second = await startRenderWorker({
      worker: loadWorkerConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, BULL_LOCK_DURATION_MS: '2000', BULL_STALLED_INTERVAL_MS: '1000' }),
      runner: runnerConfig,
      storage,
      logger,
    });
    try {
      const payload = await api.submit();
      const again = await api.redeliver(payload);
      const [first, redelivered] = await Promise.all([api.settledRenderJob(payload, 60_000), api.settledRenderJob(payload, 60_000, again)]);
      const summaries = [first.returnvalue, redelivered.returnvalue].sort((a, b) => b.stepsRun.length - a.stepsRun.length);
      expect(summaries).toEqual([
        { stepsRun: [...RENDER_STEPS], stepsSkipped: [], outputs: expect.any(Number) },
        { stepsRun: [], stepsSkipped: [...RENDER_STEPS], outputs: summaries[0].outputs },
      ]);
      // Both runners had the job at the same time: each started before the other finished.
      expect(redelivered.processedOn!).toBeLessThan(first.finishedOn!);
      expect(first.processedOn!).toBeLessThan(redelivered.finishedOn!);
    } finally {
      await second.stop(5_000);
    }
  });

  it('fails a malformed payload finally, naming the field', async () => {
    const payload = await api.submit({ type: 'slideshow' as never });
    const message = await api.result(payload);
    expect(message).toMatchObject({ outcome: 'failed', final: true });
    expect(message.error).toMatch(/malformed render job payload: type/);
    expect((await api.settledRenderJob(payload)).attemptsMade).toBe(1);
  });
});

describe('render worker with a voice provider that fails', () => {
  const prefix = `afs-test-${randomBytes(6).toString('hex')}`;
  let root: string;
  let storage: LocalStorage;
  let api: TestApi;
  let worker: RenderWorker;
  // Renders (Bull tries) whose voice vendor is down, or hangs until the render is stopped; the
  // runner builds providers per render.
  let downRenders = 0;
  let hangingRenders = 0;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'afs-worker-flaky-'));
    storage = new LocalStorage(join(root, 'storage'));
    api = new TestApi(prefix);
    await api.ready();
    const providers = (): ProviderSet => {
      const real = createProviders(runnerConfig);
      if (hangingRenders-- > 0) return { ...real, voice: new HangingVoice() };
      return downRenders-- > 0 ? { ...real, voice: new DownVoice() } : real;
    };
    const config = loadWorkerConfig({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      BULL_LOCK_DURATION_MS: '2000',
      BULL_STALLED_INTERVAL_MS: '1000',
    });
    worker = await startRenderWorker({
      worker: config,
      runner: runnerConfig,
      storage,
      logger,
      providers,
    });
  });

  afterAll(async () => {
    await worker?.stop(5_000);
    await api?.close();
    await deleteRedisKeys(prefix);
    await rm(root, { recursive: true, force: true });
  });

  it('is retried by Bull after a failure, and the retry resumes from the finished steps', async () => {
    downRenders = 1;
    // subtitle_generation without a base job renders what subtitles need: analyse, voice, subtitles.
    const payload = await api.submit({ type: 'subtitle_generation' });
    const message = await api.result(payload);
    expect(message).toMatchObject({
      outcome: 'completed',
      final: true,
      tries: 2,
      stepsSkipped: ['analyse'],
      stepsRun: ['voice', 'subtitles'],
    });
    expect(message.outputs.map((o) => o.kind)).toEqual([
      'subtitles_srt',
      'subtitles_vtt',
      'scenes',
    ]);

    const [first, last] = (await api.allResults(payload)).map((job) => job.data);
    // The failed try reports what it finished before the voice failed: the retry skips exactly that.
    expect(first).toMatchObject({
      outcome: 'failed',
      final: false,
      tries: 1,
      failedStep: 'voice',
      stepsRun: ['analyse'],
      stepsSkipped: [],
    });
    expect(first.error).toMatch(/^voice step failed: .*voice vendor answered 503/);
    expect(last).toEqual(message);
    const job = await api.settledRenderJob(payload);
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(1);
  });

  it('stops a render whose lease another runner took, sending nothing, and the job still completes', async () => {
    hangingRenders = 1;
    const payload = await api.submit({ type: 'subtitle_generation' });
    const lease = `${prefix}:render-lease:${payload.jobId}`;
    await eventually(() => expect((api.progress.get(`${payload.jobId}:1`) ?? []).some((p) => p.step === 'voice')).toBe(true), 30_000, 20);
    expect(await api.redis.exists(lease)).toBe(1);
    // Another runner holds the lease now (for a moment): the hanging render must stop by itself.
    await api.redis.set(lease, 'another-runner', 'PX', 1500);
    const message = await api.result(payload);
    expect(message).toMatchObject({ outcome: 'completed', final: true, tries: 2, stepsSkipped: ['analyse'], stepsRun: ['voice', 'subtitles'] });
    // The stopped try said nothing: the API heard only the outcome of the try that finished.
    expect((await api.allResults(payload)).map((job) => job.data.outcome)).toEqual(['completed']);
    expect(await api.redis.exists(lease)).toBe(0);
  });

  it('sends a final failure naming the step when the attempts are used up', async () => {
    downRenders = 2;
    const payload = await api.submit({ type: 'voice_synthesis' }, 2);
    await eventually(
      async () => expect((await api.renderJob(payload))!.finishedOn).toBeDefined(),
      30_000,
      100,
    );
    const results = (await api.allResults(payload)).map((job) => job.data);
    expect(
      results.map((r) => [r.outcome, r.final, r.tries, r.failedStep, r.stepsRun, r.stepsSkipped]),
    ).toEqual([
      ['failed', false, 1, 'voice', ['analyse'], []],
      ['failed', true, 2, 'voice', [], ['analyse']],
    ]);
    expect(await (await api.renderJob(payload))!.getState()).toBe('failed');
  });
});
