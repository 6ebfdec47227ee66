import { z } from 'zod';
import { ConfigError } from './config-error';
import { platformEnv } from './env.schema';
import { authEnv } from '../../modules/users/users.config';
import { creditsEnv } from '../../modules/credits/credits.config';
import { jobsEnv } from '../../modules/jobs/jobs.config';
import { assetsEnv } from '../../modules/assets/assets.config';
import { moderationEnv } from '../../modules/projects/domain/moderation.config';
import { youtubeEnv } from '../../modules/youtube/youtube.config';

/** Every variable the API and the CLI read, from all modules. */
export const envSchema = platformEnv.merge(authEnv).merge(creditsEnv).merge(jobsEnv).merge(assetsEnv).merge(moderationEnv).merge(youtubeEnv);

export type AppConfig = z.infer<typeof envSchema>;

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export { ConfigError };

/**
 * Validates the environment once. The message names the first bad variable in one line, because
 * that is what an operator reads in a crash-looping container log.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue.path.join('.');
    const problem = issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
    throw new ConfigError(`Invalid configuration: ${name} ${problem}`);
  }
  return parsed.data;
}
