export * from './storage.port';
export * from './storage-errors';
export * from './storage-key';
export * from './storage-files';
export * from './storage-range';
export * from './local-storage.driver';
export * from './s3-storage.driver';
export * from './create-storage';
