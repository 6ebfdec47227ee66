import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/config';
import { REDIS } from '../redis/redis.module';
import { Public } from '../auth/public.decorator';

type Check = { status: 'up' | 'down' | 'not_configured'; detail?: string };

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly orm: MikroORM,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up.' })
  live() {
    return { status: 'ok' };
  }

  /** Ready when PostgreSQL and Redis answer; mail is reported but never makes us unready. */
  @Get('ready')
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, redis] = await Promise.all([
      this.check(() => this.orm.em.fork().getConnection().execute('select 1')),
      this.check(() => this.redis.ping()),
    ]);
    const mail: Check = this.config.SMTP_URL
      ? { status: 'up' }
      : { status: 'not_configured', detail: 'SMTP_URL is not set: mail stays queued in the outbox' };
    const ok = database.status === 'up' && redis.status === 'up';
    const body = { status: ok ? 'ok' : 'unavailable', checks: { database, redis, mail } };
    if (!ok) {
      reply.header('cache-control', 'no-store');
      throw new ServiceUnavailableException(
        `Not ready: ${Object.entries({ database, redis })
          .filter(([, c]) => c.status !== 'up')
          .map(([name]) => name)
          .join(', ')} down`,
      );
    }
    return body;
  }

  private async check(probe: () => Promise<unknown>): Promise<Check> {
    try {
      await withTimeout(probe(), 2000);
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: (error as Error).message };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
