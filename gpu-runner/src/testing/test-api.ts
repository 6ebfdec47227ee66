import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import Bull, { type Job, type Queue } from 'bull';
import Redis from 'ioredis';
import {
  cancelChannel,
  cancelKey,
  DEFAULT_RENDER_OPTIONS,
  JOB_TYPE_STEPS,
  QUEUES,
  type JobResultMessage,
  type JobType,
  type RenderJobPayload,
  type RenderJobProgress,
} from '@afs/contracts';
import { eventually } from '../../../test/support/eventually';
import { TEST_REDIS_URL } from '../../../test/support/test-env';
import { resultJobId } from '../worker/job-result-sender';

/** Two scenes, about five seconds of narration: a render takes a few seconds at 480p and 24 fps. */
export const SHORT_SCRIPT = `EXT. HARBOUR - NIGHT

Rain falls on the harbour. A small boat rocks at the pier.

INT. CABIN - NIGHT

ANNA
Who is there?

The lamp flickers. Someone knocks twice.
`;

/** What the API does, through the same Bull queues and Redis keys, plus what a test wants to watch. */
export class TestApi {
  readonly render: Queue<RenderJobPayload>;
  readonly results: Queue<JobResultMessage>;
  readonly redis: Redis;
  readonly progress = new Map<string, RenderJobProgress[]>();
  readonly stalled: string[] = [];
  private readonly subscribed: Promise<unknown>;

  constructor(readonly prefix: string) {
    this.render = new Bull(QUEUES.render, TEST_REDIS_URL, { prefix });
    this.results = new Bull(QUEUES.jobResults, TEST_REDIS_URL, { prefix });
    this.redis = new Redis(TEST_REDIS_URL);
    // Global events arrive over pub/sub: Bull says when each subscription is in place.
    this.subscribed = Promise.all(
      ['global:progress', 'global:stalled'].map((event) =>
        once(this.render, `registered:${event}`),
      ),
    );
    this.render.on('global:progress', (id: string, p: RenderJobProgress) =>
      this.progress.set(id, [...(this.progress.get(id) ?? []), p]),
    );
    this.render.on('global:stalled', (id: string) => this.stalled.push(id));
  }

  async ready(): Promise<void> {
    await Promise.all([this.render.isReady(), this.results.isReady(), this.subscribed]);
  }

  async submit(over: Partial<RenderJobPayload> = {}, attempts = 3): Promise<RenderJobPayload> {
    const type: JobType = over.type ?? 'full_generation';
    const payload: RenderJobPayload = {
      jobId: randomUUID(),
      attempt: 1,
      projectId: randomUUID(),
      userId: randomUUID(),
      type,
      title: 'Knock Twice',
      script: SHORT_SCRIPT,
      options: { ...DEFAULT_RENDER_OPTIONS, resolution: '480p', fps: 24 },
      steps: JOB_TYPE_STEPS[type],
      ...over,
    };
    await this.render.add(payload, {
      jobId: `${payload.jobId}:${payload.attempt}`,
      priority: 2,
      attempts,
      backoff: { type: 'exponential', delay: 100 },
    });
    return payload;
  }

  /** The same attempt once more under another Bull id, as Bull hands a job whose lock was lost to another runner. */
  async redeliver(payload: RenderJobPayload): Promise<string> {
    const bullJobId = `${payload.jobId}:${payload.attempt}:redelivered`;
    await this.render.add(payload, { jobId: bullJobId, priority: 2, attempts: 1 });
    return bullJobId;
  }

  async cancel(jobId: string, publish = true): Promise<void> {
    await this.redis.set(cancelKey(this.prefix, jobId), '1', 'EX', 600);
    if (publish) await this.redis.publish(cancelChannel(this.prefix), jobId);
  }

  /** The final result of an attempt, once it is on the job-results queue. */
  async result(payload: RenderJobPayload, ms = 60_000): Promise<JobResultMessage> {
    let message: JobResultMessage | undefined;
    await eventually(
      async () => {
        const id = resultJobId({ ...payload, final: true });
        const job = await this.results.getJob(id);
        // Plain errors, not expect(): this file is compiled by the build too, which has no Jest types.
        if (!job) throw new Error(`no result ${id} on the job-results queue`);
        message = job.data;
      },
      ms,
      100,
    );
    return message!;
  }

  async allResults(payload: RenderJobPayload): Promise<Job<JobResultMessage>[]> {
    const jobs = await this.results.getJobs([
      'waiting',
      'active',
      'completed',
      'failed',
      'delayed',
    ]);
    return jobs
      .filter((job) => job.data.jobId === payload.jobId)
      .sort((a, b) => (a.data.tries ?? 0) - (b.data.tries ?? 0));
  }

  renderJob(payload: RenderJobPayload): Promise<Job<RenderJobPayload> | null> {
    return this.render.getJob(`${payload.jobId}:${payload.attempt}`);
  }

  /**
   * The render job once Bull has recorded how it ended. The runner sends its result before its
   * processor returns, so right after the result Bull may not have moved the job yet.
   */
  async settledRenderJob(payload: RenderJobPayload, ms = 10_000, bullJobId = `${payload.jobId}:${payload.attempt}`): Promise<Job<RenderJobPayload>> {
    let job: Job<RenderJobPayload> | null = null;
    await eventually(
      async () => {
        job = await this.render.getJob(bullJobId);
        expect(job?.finishedOn).toBeDefined();
      },
      ms,
      50,
    );
    return job!;
  }

  async close(): Promise<void> {
    await Promise.all([this.render.close(), this.results.close()]);
    this.redis.disconnect();
  }
}
