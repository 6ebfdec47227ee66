export * from './storage.port';
export * from './storage-errors';
export * from './storage-key';
export * from './storage-files';
export * from './local-storage.driver';
export * from './create-storage';
