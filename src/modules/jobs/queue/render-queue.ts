import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Job as BullJob, Queue } from 'bull';
import { QUEUES, cancelChannel, cancelKey, toBullPriority, type JobPriority, type RenderJobPayload } from '@afs/contracts';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import { REDIS } from '../../../platform/redis/redis.module';

export const bullJobId = (jobId: string, attempt: number) => `${jobId}:${attempt}`;

export function parseBullJobId(id: string | number): { jobId: string; attempt: number } | undefined {
  const match = /^([0-9a-f-]{36}):(\d+)$/.exec(String(id));
  return match ? { jobId: match[1], attempt: Number(match[2]) } : undefined;
}

/** The API's side of the render queue: it adds, inspects, removes and signals; it never processes. */
@Injectable()
export class RenderQueue {
  constructor(
    @InjectQueue(QUEUES.render) readonly queue: Queue<RenderJobPayload>,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Idempotent: Bull ignores a second add with the same job id. */
  async add(payload: RenderJobPayload, priority: JobPriority): Promise<void> {
    await this.queue.add(payload, {
      jobId: bullJobId(payload.jobId, payload.attempt),
      priority: toBullPriority(priority),
      attempts: this.config.JOB_BULL_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
      removeOnComplete: true,
      removeOnFail: 1000,
    });
  }

  get(jobId: string, attempt: number): Promise<BullJob<RenderJobPayload> | null> {
    return this.queue.getJob(bullJobId(jobId, attempt));
  }

  /**
   * Removes a job that has not started. Answers false when a runner holds it (Bull 4 cannot remove
   * a locked job): then only the cancel signal can stop it.
   */
  async removeIfWaiting(jobId: string, attempt: number): Promise<'removed' | 'active' | 'absent'> {
    const job = await this.get(jobId, attempt);
    if (!job) return 'absent';
    const state = await job.getState();
    if (state === 'active') return 'active';
    if (state === 'completed' || state === 'failed') return 'absent';
    try {
      await job.remove();
      return 'removed';
    } catch {
      return 'active';
    }
  }

  /** Pub/sub reaches runners now; the key is for a runner that checks between steps. */
  async signalCancel(jobId: string): Promise<void> {
    await this.redis.set(cancelKey(this.config.REDIS_PREFIX, jobId), '1', 'EX', 86_400);
    await this.redis.publish(cancelChannel(this.config.REDIS_PREFIX), jobId);
  }
}
