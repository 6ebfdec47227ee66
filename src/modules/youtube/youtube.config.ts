import { z } from 'zod';
import { integer, optionalString } from '../../platform/config/env-parsers';
import { parseKeyring } from './tokens/token-cipher';

/** Google's resumable protocol takes chunks in multiples of 256 KiB (all but the last). */
export const UPLOAD_CHUNK_UNIT = 256 * 1024;

/**
 * The YouTube module's variables. The Google client id, secret and endpoints are the identity
 * module's (GOOGLE_*): one OAuth client serves sign-in and YouTube.
 */
export const youtubeEnv = z.object({
  YOUTUBE_REDIRECT_URL: optionalString(z.string().url()),
  /** `id:base64key,...`, each key 32 bytes. Old keys stay listed to read tokens written with them. */
  TOKEN_ENCRYPTION_KEYS: optionalString(
    z.string().superRefine((value, ctx) => {
      const parsed = parseKeyring(value);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
    }),
  ),
  /** The keyring entry new tokens are written with. */
  TOKEN_ENCRYPTION_KEY_ID: optionalString(z.string()),
  YOUTUBE_UPLOAD_CHUNK_BYTES: integer({ min: UPLOAD_CHUNK_UNIT })
    .default(8 * 1024 * 1024)
    .refine((n) => n % UPLOAD_CHUNK_UNIT === 0, 'must be a multiple of 262144 (256 KiB)'),
  /** Bull attempts per upload; each attempt resumes the same session where it can. */
  YOUTUBE_UPLOAD_ATTEMPTS: integer({ min: 1, max: 20 }).default(5),
  YOUTUBE_UPLOAD_BACKOFF_MS: integer({ min: 10 }).default(30_000),
  /** Retries of one chunk (after a cut connection or a 5xx) before the attempt gives up. */
  YOUTUBE_CHUNK_RETRIES: integer({ min: 0, max: 20 }).default(5),
  YOUTUBE_CHUNK_RETRY_DELAY_MS: integer({ min: 1 }).default(1000),
  YOUTUBE_CHUNK_TIMEOUT_MS: integer({ min: 1000 }).default(120_000),
  YOUTUBE_UPLOAD_CONCURRENCY: integer({ min: 1, max: 16 }).default(2),
  /** How often each API process checks whether a quota pause has run out. */
  YOUTUBE_QUOTA_CHECK_MS: integer({ min: 100 }).default(60_000),
});
