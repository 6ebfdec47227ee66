import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import { AppModule } from '../../app.module';
import { AppConfig } from '../config/config';
import { createRootLogger, PinoNestLogger } from '../logging/logger';
import { createValidationPipe } from '../http/validation.pipe';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { installHttpMetrics } from '../metrics/http-metrics';
import { QueueBoard } from '../../modules/admin/queues/queue-board';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Builds the API the same way for `main.ts`, the demo and the e2e tests. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.BODY_LIMIT_BYTES,
    // A caller's request id is kept when it is sane, so a trace can cross services.
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    rawBody: true,
    bufferLogs: true,
    // Throw start-up errors to the caller (main.ts prints them) instead of exiting silently.
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyCookie as never);
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installHttpMetrics(fastify);
  await app.get(QueueBoard).mount(fastify);

  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  if (config.SWAGGER_ENABLED) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('AI Film Studio API')
        .setDescription(
          'Write a script, render a narrated short film, publish it to YouTube. Errors are ' +
            'application/problem+json (RFC 9457); lists are { items, nextCursor }.',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false });
  }
  return app;
}
