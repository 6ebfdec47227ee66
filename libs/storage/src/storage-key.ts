import { InvalidStorageKeyError } from './storage-errors';

const SEGMENT = /^[\w.@+=-]+$/;

/** Keys must mean the same on every driver, so only plain relative segments are allowed. */
export function assertStorageKey(key: string): string {
  if (key.length === 0 || key.length > 1024) throw new InvalidStorageKeyError(key, 'length must be 1..1024');
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidStorageKeyError(key, 'empty, "." and ".." segments are not allowed');
    }
    if (!SEGMENT.test(segment)) throw new InvalidStorageKeyError(key, 'segments may use letters, digits and . _ - @ + = only');
  }
  return key;
}

/** A prefix for list(): a key, or empty for everything; a trailing slash is allowed. */
export function assertStoragePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/$/, '');
  if (trimmed === '') return '';
  return assertStorageKey(trimmed);
}

export function joinStorageKey(...parts: string[]): string {
  return assertStorageKey(parts.join('/'));
}
