import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { APP_CONFIG, AppConfig } from '../config/config';

const THROTTLER_STORAGE = Symbol('THROTTLER_STORAGE');

/** A provider, so Nest's shutdown hooks close its Redis connection. */
@Module({
  providers: [
    {
      provide: THROTTLER_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new ThrottlerStorageRedisService(config.REDIS_URL, {
          keyPrefix: `${config.REDIS_PREFIX}:throttle:`,
          maxRetriesPerRequest: 3,
        }),
    },
  ],
  exports: [THROTTLER_STORAGE],
})
class ThrottlerStorageModule {}

/**
 * Rate-limit counters live in Redis so that every API replica counts the same requests. The
 * limits apply where `ThrottlerGuard` is used (the auth routes).
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [ThrottlerStorageModule],
      inject: [APP_CONFIG, THROTTLER_STORAGE],
      useFactory: (config: AppConfig, storage: ThrottlerStorageRedisService) => ({
        throttlers: [
          { name: 'default', limit: config.AUTH_RATE_LIMIT, ttl: config.AUTH_RATE_WINDOW_SECONDS * 1000 },
        ],
        storage,
      }),
    }),
  ],
  exports: [ThrottlerModule],
})
export class ThrottlingModule {}
