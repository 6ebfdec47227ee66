import { resolve } from 'node:path';
import { LocalStorage } from './local-storage.driver';
import type { Storage } from './storage.port';

export const STORAGE_DRIVERS = ['local'] as const;

/** Chooses the driver from STORAGE_DRIVER (default local) and STORAGE_LOCAL_DIR (default ./storage). */
export function createStorageFromEnv(env: NodeJS.ProcessEnv = process.env): Storage {
  const driver = env.STORAGE_DRIVER ?? 'local';
  if (driver === 'local') return new LocalStorage(resolve(env.STORAGE_LOCAL_DIR ?? 'storage'));
  throw new Error(`STORAGE_DRIVER must be one of ${STORAGE_DRIVERS.join(', ')}; got ${JSON.stringify(driver)}`);
}
