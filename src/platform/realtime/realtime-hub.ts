import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REDIS } from '../redis/redis.module';
import { RealtimeEvent, userChannel } from './realtime-event';

type Listener = (event: RealtimeEvent) => void;

/**
 * Live events go through Redis pub/sub, so a user's stream on any API replica hears events
 * published by any other. One subscriber connection per process fans out to local streams.
 */
@Injectable()
export class RealtimeHub implements OnModuleInit, OnApplicationShutdown {
  private subscriber?: Redis;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly pattern: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.pattern = userChannel(config.REDIS_PREFIX, '*');
  }

  async onModuleInit(): Promise<void> {
    this.subscriber = this.redis.duplicate();
    this.subscriber.on('pmessage', (_pattern, channel, message) => {
      const userId = channel.slice(this.pattern.length - 1);
      const listeners = this.listeners.get(userId);
      if (!listeners?.size) return;
      const event = JSON.parse(message) as RealtimeEvent;
      for (const listener of listeners) listener(event);
    });
    await this.subscriber.psubscribe(this.pattern);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }

  async publish(userId: string, event: RealtimeEvent): Promise<void> {
    await this.redis.publish(userChannel(this.config.REDIS_PREFIX, userId), JSON.stringify(event));
  }

  /** Returns the unsubscribe function. */
  listen(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set!.delete(listener);
      if (!set!.size) this.listeners.delete(userId);
    };
  }
}
