import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

// The queue side of the runner; the render engine's own variables stay in config/runner-config.ts.
const schema = z.object({
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL'),
  // Bull's `prefix` option: the same value as the API's, so deployments and test runs never meet.
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.-]+$/, 'letters, digits, . _ - only')
    .default('afs'),
  RUNNER_CONCURRENCY: positiveInt(1),
  // Bull 4 defaults (30 s lock renewed every 15 s, stalled check every 30 s, one stall allowed);
  // tests shorten them so a killed runner's job is picked up in seconds.
  BULL_LOCK_DURATION_MS: positiveInt(30_000),
  BULL_STALLED_INTERVAL_MS: positiveInt(30_000),
  BULL_MAX_STALLED_COUNT: z.coerce.number().int().min(0).default(1),
  // How long SIGTERM waits for an active render before stopping it and leaving it to another runner.
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WorkerConfig = z.infer<typeof schema>;

/** Validates the runner's queue settings; a bad variable fails with one line naming it. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = schema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
