import type { Readable } from 'node:stream';

export interface StoredObjectInfo {
  key: string;
  size: number;
  modifiedAt: Date;
}

export type StorageBody = Buffer | string | Readable;

/** Inclusive byte offsets, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface SignedUrlOptions {
  expiresInSeconds: number;
  /** Offered to the browser as the download's name (Content-Disposition). */
  fileName?: string;
  contentType?: string;
}

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
  /**
   * Optional: part of an object, for HTTP Range answers. Drivers without it are served by
   * `streamRange()` in storage-range.ts. Throws StorageNotFoundError like stream().
   */
  streamRange?(key: string, range: ByteRange): Promise<Readable>;
  /**
   * Optional: a URL any HTTP client can GET the object from until it expires (S3 presigned URLs).
   * Drivers without it have their files served by the API itself.
   */
  signedUrl?(key: string, options: SignedUrlOptions): Promise<string>;
}
