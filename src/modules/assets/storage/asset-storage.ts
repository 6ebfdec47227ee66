import { resolve } from 'node:path';
import { LocalStorage, S3Storage, type Storage } from '@afs/storage';
import { ConfigError, type AppConfig } from '../../../platform/config/config';

/** Injection token of the Storage the API reads job files from (the one the runners write to). */
export const ASSET_STORAGE = Symbol('ASSET_STORAGE');

/**
 * Builds the driver from the validated config. Cross-variable rules zod's merged object cannot
 * express are checked here, at start-up, with the same one-line message loadConfig gives.
 */
export function createAssetStorage(config: AppConfig): Storage {
  if (config.STORAGE_DRIVER === 'local') return new LocalStorage(resolve(config.STORAGE_LOCAL_DIR));
  if (!config.S3_BUCKET) throw new ConfigError('Invalid configuration: S3_BUCKET is required when STORAGE_DRIVER=s3');
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = config;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    const missing = accessKeyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    throw new ConfigError(`Invalid configuration: ${missing} is required when the other AWS key is set`);
  }
  return new S3Storage({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, sessionToken } : undefined,
  });
}
