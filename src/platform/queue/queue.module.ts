import { Global, Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bull';
import { APP_CONFIG, AppConfig } from '../config/config';

/** Bull on the shared Redis; every queue key starts with REDIS_PREFIX so deployments and test runs never meet. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ url: config.REDIS_URL, prefix: config.REDIS_PREFIX }),
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
