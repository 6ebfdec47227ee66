import { z } from 'zod';
import { booleanFlag, integer, optionalString } from '../../platform/config/env-parsers';

/** The assets module's variables, merged into the app's schema in platform/config/config.ts. */
export const assetsEnv = z.object({
  /** local: files under STORAGE_LOCAL_DIR (zero setup); s3: an S3 bucket or an S3-compatible store. */
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  /** Must be the folder the GPU runner writes to (shared disk), or use s3 for runners on other hosts. */
  STORAGE_LOCAL_DIR: z.string().min(1).default('./storage'),
  /** Required when STORAGE_DRIVER=s3 (checked when the storage is built, naming the variable). */
  S3_BUCKET: optionalString(
    z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
  ),
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** An S3-compatible server (MinIO, R2, Ceph...), e.g. http://127.0.0.1:9000; unset means AWS. */
  S3_ENDPOINT: optionalString(
    z
      .string()
      .url()
      .regex(/^https?:\/\//, 'must be an http(s):// URL'),
  ),
  /** Path-style URLs (endpoint/bucket/key), which most S3-compatible servers need. */
  S3_FORCE_PATH_STYLE: booleanFlag(false),
  // The SDK would read these from process.env by itself; they are read here too so the values
  // validated at start-up (and those a test passes) are the ones used. Unset: the SDK's default
  // chain (profiles, instance and task roles).
  AWS_ACCESS_KEY_ID: optionalString(z.string().min(1)),
  AWS_SECRET_ACCESS_KEY: optionalString(z.string().min(1)),
  AWS_SESSION_TOKEN: optionalString(z.string().min(1)),
  /** How long a download link (presigned or signed local) works; SigV4 allows at most 7 days. */
  ASSET_URL_TTL_SECONDS: integer({ min: 10, max: 604_800 }).default(3600),
  /** Signs local download links; default: derived from JWT_SECRET (a separate key by derivation). */
  ASSET_URL_SECRET: optionalString(z.string().min(32, 'must be at least 32 characters')),
});

export type AssetsConfig = z.infer<typeof assetsEnv>;
