export type RangeRequest =
  { type: 'full' } | { type: 'partial'; start: number; end: number } | { type: 'unsatisfiable' };

const SPEC = /^bytes=(\d*)-(\d*)$/;

/**
 * Reads an HTTP Range header (RFC 9110 §14) for an object of `size` bytes: `bytes=a-b`,
 * `bytes=a-` and `bytes=-n`. A header we cannot read (another unit, bad syntax, several ranges) is
 * ignored, as the RFC allows, and the whole object is sent; a range starting past the end is
 * unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (header === undefined) return { type: 'full' };
  const match = SPEC.exec(header.trim().replace(/\s+/g, ''));
  if (!match) return { type: 'full' };
  const [, first, last] = match;
  if (first === '' && last === '') return { type: 'full' };
  if (first === '') {
    // Suffix: the last n bytes. "bytes=-0" asks for nothing, which no object can satisfy.
    const length = Number(last);
    if (length === 0 || size === 0) return { type: 'unsatisfiable' };
    return { type: 'partial', start: Math.max(size - length, 0), end: size - 1 };
  }
  const start = Number(first);
  const lastByte = last === '' ? undefined : Number(last);
  // "bytes=5-1" is malformed (ignored); "bytes=5000-" on a smaller object is unsatisfiable.
  if (
    !Number.isSafeInteger(start) ||
    (lastByte !== undefined && !(Number.isSafeInteger(lastByte) && lastByte >= start))
  )
    return { type: 'full' };
  if (start >= size) return { type: 'unsatisfiable' };
  return { type: 'partial', start, end: Math.min(lastByte ?? size - 1, size - 1) };
}
