import { z } from 'zod';
import { integer, optionalString } from '../../platform/config/env-parsers';

export const authEnv = z.object({
  JWT_SECRET: z.string({ required_error: 'is required' }).min(32, 'must be at least 32 characters'),
  JWT_ACCESS_TTL_SECONDS: integer({ min: 30 }).default(900),
  REFRESH_TTL_DAYS: integer({ min: 1 }).default(30),
  BCRYPT_ROUNDS: integer({ min: 4, max: 15 }).default(12),
  PASSWORD_RESET_TTL_MINUTES: integer({ min: 5 }).default(60),
  AUTH_RATE_LIMIT: integer({ min: 1 }).default(10),
  AUTH_RATE_WINDOW_SECONDS: integer({ min: 1 }).default(60),
  GOOGLE_CLIENT_ID: optionalString(z.string()),
  GOOGLE_CLIENT_SECRET: optionalString(z.string()),
  GOOGLE_SIGNIN_REDIRECT_URL: optionalString(z.string().url()),
  GOOGLE_OAUTH_TOKEN_URL: z.string().url().default('https://oauth2.googleapis.com/token'),
  GOOGLE_OAUTH_REVOKE_URL: z.string().url().default('https://oauth2.googleapis.com/revoke'),
  GOOGLE_OAUTH_AUTH_URL: z.string().url().default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_API_ROOT_URL: z.string().url().default('https://www.googleapis.com/'),
});
