import { z } from 'zod';
import { booleanFlag, integer, optionalString } from './env-parsers';

/**
 * The platform's own variables. Feature modules keep their variables beside their code and are
 * merged into one schema in `config.ts`, so the whole environment is validated once at start-up.
 */
export const platformEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: integer({ min: 0, max: 65535 }).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/ai_film_studio'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  /** Every Redis key this deployment writes starts with it (Bull queues, throttler, pub/sub). */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only')
    .default('afs'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Fastify's trustProxy: true, false, a hop count, or a comma-separated list of addresses. */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v): boolean | number | string => {
      if (v === 'true') return true;
      if (v === 'false' || v === '') return false;
      if (/^\d+$/.test(v)) return Number(v);
      return v;
    }),
  BODY_LIMIT_BYTES: integer({ min: 1024 }).default(1_048_576),
  /** Where people use the product (web studio); Google sign-in redirects back here. */
  APP_URL: z.string().url().default('http://localhost:3000'),
  /** The API's own public URL, used in links the API hands out (signed downloads). */
  PUBLIC_URL: z.string().url().optional(),
  SWAGGER_ENABLED: booleanFlag(true),
  SMTP_URL: optionalString(z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')),
  MAIL_FROM: z.string().default('AI Film Studio <no-reply@localhost>'),
  OUTBOX_POLL_MS: integer({ min: 50 }).default(2000),
  OUTBOX_MAX_ATTEMPTS: integer({ min: 1 }).default(10),
});
