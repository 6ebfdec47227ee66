import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStorage } from '@afs/storage';
import { eventually } from '../../../test/support/eventually';
import { TEST_REDIS_URL } from '../../../test/support/test-env';
import { deleteRedisKeys } from '../../../test/support/test-redis';
import { buildRunner } from '../testing/build-runner';
import { RunnerProcess } from '../testing/runner-process';
import { TestApi } from '../testing/test-api';

// Real runner processes (the built main.js) on real Redis, ffmpeg and espeak-ng. Locks of 2 s and a
// stalled check every second stand in for Bull's 30 s, so a lost runner's job moves on in seconds.
jest.setTimeout(90_000);

const STEPS_BEFORE_COMPOSE = ['analyse', 'images', 'voice', 'subtitles', 'music'];

describe('runner processes', () => {
  const prefix = `afs-test-${randomBytes(6).toString('hex')}`;
  let root: string;
  let main: string;
  let api: TestApi;
  let env: Record<string, string>;
  const runners: RunnerProcess[] = [];

  const startRunner = async (): Promise<RunnerProcess> => {
    const runner = new RunnerProcess(main, env);
    runners.push(runner);
    await runner.waitForLog('runner ready');
    return runner;
  };

  /** The runner that logged the job's start; the others are idle. */
  const owner = async (jobId: string): Promise<RunnerProcess> => {
    let found: RunnerProcess | undefined;
    await eventually(() => {
      found = runners.find((r) => r.find('render started', jobId));
      expect(found).toBeDefined();
    });
    return found!;
  };

  const untilStep = (bullId: string, step: string) =>
    eventually(
      () => expect((api.progress.get(bullId) ?? []).some((p) => p.step === step)).toBe(true),
      30_000,
      10,
    );

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'afs-runner-processes-'));
    main = await buildRunner(join(root, 'build'));
    // A killed runner leaves its scratch folder behind; keep those inside this suite's folder.
    await mkdir(join(root, 'work'));
    env = {
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      STORAGE_LOCAL_DIR: join(root, 'storage'),
      RENDER_WORK_DIR: join(root, 'work'),
      RENDER_CONCURRENCY: '2',
      BULL_LOCK_DURATION_MS: '2000',
      BULL_STALLED_INTERVAL_MS: '1000',
      SHUTDOWN_GRACE_MS: '300',
      LOG_LEVEL: 'info',
    };
    api = new TestApi(prefix);
    await api.ready();
  });

  afterAll(async () => {
    for (const runner of runners) runner.cleanup();
    await api?.close();
    await deleteRedisKeys(prefix);
    await rm(root, { recursive: true, force: true });
  });

  it('stops at start-up with one line naming a bad variable', async () => {
    const runner = new RunnerProcess(main, { ...env, BULL_LOCK_DURATION_MS: 'soon' });
    expect(await runner.exited).toEqual({ code: 1, signal: null });
    expect(runner.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^gpu-runner: invalid environment variable BULL_LOCK_DURATION_MS: /),
    ]);
  });

  it('hands the job of a runner killed mid-render (SIGKILL) to the other runner, which resumes it', async () => {
    await Promise.all([startRunner(), startRunner()]);
    const payload = await api.submit();
    const bullId = `${payload.jobId}:1`;
    const victim = await owner(payload.jobId);
    const survivor = runners.find((r) => r !== victim)!;

    // Compose runs only once voice, subtitles and music are stored: kill the runner as it starts.
    await untilStep(bullId, 'compose');
    // Until now the other runner checked for stalled jobs every second: the owner kept its lock.
    expect(api.stalled).toEqual([]);
    victim.crash();
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const result = await api.result(payload, 45_000);
    expect(result).toMatchObject({
      outcome: 'completed',
      final: true,
      stepsSkipped: STEPS_BEFORE_COMPOSE,
      stepsRun: ['compose', 'thumbnail'],
    });
    expect(api.stalled).toEqual([bullId]);
    // The result is queued before the log line reaches our stdout reader: wait for the line.
    expect(await survivor.waitForLog('render completed', payload.jobId, 5000)).toBeDefined();
    expect(victim.find('render completed', payload.jobId)).toBeUndefined();

    const storage = new LocalStorage(env.STORAGE_LOCAL_DIR);
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
      expect(output.checksum).toBe(
        createHash('sha256')
          .update(await storage.get(output.storageKey))
          .digest('hex'),
      );
    }
    const job = await api.settledRenderJob(payload);
    expect(await job.getState()).toBe('completed');
    expect(job.attemptsMade).toBe(0); // a stall is not a failed try
  });

  it('on SIGTERM past the grace period stops its render and leaves the job to another runner', async () => {
    await startRunner();
    const payload = await api.submit();
    const bullId = `${payload.jobId}:1`;
    const leaving = await owner(payload.jobId);
    await untilStep(bullId, 'compose');
    leaving.signal('SIGTERM');
    expect(await leaving.exited).toEqual({ code: 0, signal: null });
    expect(leaving.find('runner stopped')).toMatchObject({ leftToOtherRunners: 1 });
    expect(
      leaving.find('render stopped by shutdown; left for another runner', payload.jobId),
    ).toBeDefined();

    const result = await api.result(payload, 45_000);
    expect(result).toMatchObject({
      outcome: 'completed',
      tries: 1,
      stepsSkipped: STEPS_BEFORE_COMPOSE,
      stepsRun: ['compose', 'thumbnail'],
    });
    // Neither cancelled nor failed: the stopping runner reported nothing.
    expect((await api.allResults(payload)).map((j) => j.id)).toEqual([`${bullId}:result`]);
  });

  it('on SIGTERM when idle closes and exits cleanly', async () => {
    const idle = runners.filter((r) => r.running);
    expect(idle).toHaveLength(1);
    idle[0].signal('SIGTERM');
    expect(await idle[0].exited).toEqual({ code: 0, signal: null });
    expect(idle[0].find('runner stopped')).toMatchObject({ leftToOtherRunners: 0 });
  });

  it('reports a final failure when Bull gives up on a job that stalled more than BULL_MAX_STALLED_COUNT times', async () => {
    const strict = { ...env, BULL_MAX_STALLED_COUNT: '0' };
    const first = new RunnerProcess(main, strict);
    runners.push(first);
    await first.waitForLog('runner ready');
    expect(runners.filter((r) => r.running).map((r) => r.pid)).toEqual([first.pid]);
    const payload = await api.submit();
    await owner(payload.jobId);
    await untilStep(`${payload.jobId}:1`, 'images');
    first.crash();

    const second = new RunnerProcess(main, strict);
    runners.push(second);
    const result = await api.result(payload, 30_000);
    expect(result).toMatchObject({ outcome: 'failed', final: true, outputs: [] });
    expect(result.error).toMatch(/interrupted more than 0 time\(s\)/);
    expect(await (await api.renderJob(payload))!.getState()).toBe('failed');
    expect(second.find('render started', payload.jobId)).toBeUndefined();
    await second.waitForLog('runner ready');
    second.signal('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
