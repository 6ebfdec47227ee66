import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { LocalStorage } from './local-storage.driver';
import { StorageNotFoundError } from './storage-errors';
import { assertStorageKey } from './storage-key';
import type { ByteRange, Storage } from './storage.port';

/**
 * Bytes `start..end` (inclusive) of an object. Uses the driver's own `streamRange` when it has
 * one; reads LocalStorage's file from the offset (a video player seeks often, and reading a film
 * from its first byte on every seek would be wasteful); any other driver is read from the start
 * and trimmed.
 */
export async function streamRange(storage: Storage, key: string, range: ByteRange): Promise<Readable> {
  if (range.start < 0 || range.end < range.start) throw new RangeError(`bad byte range ${range.start}-${range.end}`);
  if (storage.streamRange) return storage.streamRange(key, range);
  if (storage instanceof LocalStorage) {
    // Same mapping as LocalStorage.path(): checked key, one folder per segment. stat() first so
    // a missing key fails on the call, as the port promises.
    if (!(await storage.stat(key))) throw new StorageNotFoundError(key);
    return createReadStream(join(storage.rootDir, ...assertStorageKey(key).split('/')), range);
  }
  return (await storage.stream(key)).pipe(trim(range));
}

function trim({ start, end }: ByteRange): Transform {
  let offset = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const from = Math.max(start - offset, 0);
      const to = Math.min(end + 1 - offset, chunk.length);
      offset += chunk.length;
      if (to > from) this.push(chunk.subarray(from, to));
      done();
    },
  });
}
