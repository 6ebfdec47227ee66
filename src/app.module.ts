import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { ConfigModule } from './platform/config/config.module';
import { AppConfig } from './platform/config/config';
import { DatabaseModule } from './platform/database/database.module';
import { RedisModule } from './platform/redis/redis.module';
import { HealthModule } from './platform/health/health.module';
import { ThrottlingModule } from './platform/throttling/throttling.module';
import { JwtAuthGuard } from './platform/auth/jwt-auth.guard';
import { RolesGuard } from './platform/auth/roles.guard';
import { MailModule } from './platform/mail/mail.module';
import { AuditModule } from './modules/audit/audit.module';
import { UsersModule } from './modules/users/users.module';
import { CreditsModule } from './modules/credits/credits.module';
import { QueueModule } from './platform/queue/queue.module';
import { RealtimeModule } from './platform/realtime/realtime.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { JobsModule } from './modules/jobs/jobs.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { AssetsModule } from './modules/assets/assets.module';
import { AdminModule } from './modules/admin/admin.module';
import { YouTubeModule } from './modules/youtube/youtube.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        CqrsModule.forRoot(),
        ScheduleModule.forRoot(),
        ThrottlingModule,
        HealthModule,
        MailModule,
        AuditModule,
        UsersModule,
        CreditsModule,
        QueueModule,
        RealtimeModule,
        ProjectsModule,
        JobsModule,
        NotificationsModule,
        AssetsModule,
        AdminModule,
        YouTubeModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
      ],
    };
  }
}
