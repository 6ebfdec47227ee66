import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { REDIS } from '../../../platform/redis/redis.module';
import { redisKey } from '../../../platform/redis/redis-key';
import { nextQuotaReset } from '../domain/quota-reset';
import { UploadQueue } from './upload-queue';

const COMPARE_AND_DELETE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Why an upload waits for the quota, in words. */
export function quotaWaitMessage(reason: string, until: Date): string {
  return (
    `YouTube's daily API quota for this installation is used up (${reason}). ` +
    `Uploads are paused and this one continues by itself after ${until.toISOString()} (midnight Pacific time).`
  );
}

/**
 * When Google says the API project's daily quota is spent, every upload would fail the same way
 * until midnight Pacific time. The gate pauses the whole queue (Bull's global pause: every API
 * process stops taking uploads), remembers until when in Redis, and each process checks
 * periodically and resumes the queue once that time has passed.
 */
@Injectable()
export class QuotaGate implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(QuotaGate.name);
  private timer?: NodeJS.Timeout;
  private readonly key: string;

  constructor(
    private readonly uploads: UploadQueue,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = redisKey(config, 'youtube', 'quota-paused-until');
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.check().catch((error) => this.logger.warn({ err: (error as Error).message }, 'could not check the YouTube quota pause'));
    }, this.config.YOUTUBE_QUOTA_CHECK_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Pauses uploads until the quota resets; answers that time. */
  async pause(): Promise<Date> {
    const until = nextQuotaReset();
    await this.redis.set(this.key, until.toISOString());
    await this.uploads.queue.pause();
    this.logger.warn({ until: until.toISOString() }, 'YouTube quota exceeded: uploads paused');
    return until;
  }

  /** The end of a quota pause still running at `now`; null when uploads are not paused. */
  async pausedAfter(now = new Date()): Promise<Date | null> {
    const until = await this.pausedUntil();
    return until && until > now ? until : null;
  }

  /** When uploads are paused for quota, until when; null when they are not. */
  async pausedUntil(): Promise<Date | null> {
    const value = await this.redis.get(this.key);
    return value ? new Date(value) : null;
  }

  /** Resumes the queue when the pause has run out. Safe to call from every process at once. */
  async check(now = new Date()): Promise<boolean> {
    const value = await this.redis.get(this.key);
    if (!value || new Date(value) > now) return false;
    // The key goes first, and only if no process paused again meanwhile (it would hold a later
    // time): resuming and then deleting could leave a new pause with no key to end it.
    const deleted = await this.redis.eval(COMPARE_AND_DELETE, 1, this.key, value);
    if (!deleted) return false;
    await this.uploads.queue.resume();
    this.logger.log('YouTube quota reset: uploads resumed');
    return true;
  }
}
