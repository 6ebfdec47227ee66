import type { Readable } from 'node:stream';

export interface StoredObjectInfo {
  key: string;
  size: number;
  modifiedAt: Date;
}

export type StorageBody = Buffer | string | Readable;

/**
 * Object storage by key, small enough for a filesystem or an S3-compatible driver. Keys are
 * slash-separated relative paths (`jobs/<jobId>/voice/narration.wav`); no driver may let one escape
 * its root.
 */
export interface Storage {
  put(key: string, body: StorageBody): Promise<void>;
  /** Throws StorageNotFoundError when the key does not exist. */
  get(key: string): Promise<Buffer>;
  /** Throws StorageNotFoundError (on the call, not on first read) when the key does not exist. */
  stream(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Keys under a prefix, recursively, sorted. */
  list(prefix: string): Promise<string[]>;
  /** Returns undefined when the key does not exist. */
  stat(key: string): Promise<StoredObjectInfo | undefined>;
}
