import { resolve } from 'node:path';
import { LocalStorage } from './local-storage.driver';
import { S3Storage } from './s3-storage.driver';
import type { Storage } from './storage.port';

export const STORAGE_DRIVERS = ['local', 's3'] as const;

/**
 * Chooses the driver from STORAGE_DRIVER (default local): local uses STORAGE_LOCAL_DIR (default
 * ./storage); s3 uses S3_BUCKET (required), S3_REGION (default us-east-1), S3_ENDPOINT,
 * S3_FORCE_PATH_STYLE and the SDK's usual credential chain (AWS_ACCESS_KEY_ID, ...).
 */
export function createStorageFromEnv(env: NodeJS.ProcessEnv = process.env): Storage {
  const driver = env.STORAGE_DRIVER || 'local';
  if (driver === 'local') return new LocalStorage(resolve(env.STORAGE_LOCAL_DIR || 'storage'));
  if (driver === 's3') {
    if (!env.S3_BUCKET) throw new Error('S3_BUCKET is required when STORAGE_DRIVER=s3');
    return new S3Storage({
      bucket: env.S3_BUCKET,
      region: env.S3_REGION || 'us-east-1',
      endpoint: env.S3_ENDPOINT || undefined,
      forcePathStyle: ['true', '1', 'yes'].includes(env.S3_FORCE_PATH_STYLE ?? ''),
    });
  }
  throw new Error(`STORAGE_DRIVER must be one of ${STORAGE_DRIVERS.join(', ')}; got ${JSON.stringify(driver)}`);
}
