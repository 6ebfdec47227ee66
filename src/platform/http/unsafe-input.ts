import type { FieldError } from './problem';

const NUL = '\u0000';
/** Far more than any request of this API needs; class-transformer and the pipe recurse per level. */
export const MAX_NESTING_DEPTH = 32;

/**
 * Problems no DTO can be trusted to catch, found in a request's body, query or path parameter:
 * - text holding U+0000, which PostgreSQL's text and jsonb cannot store (the query failed: a 500);
 * - objects or arrays nested so deep that the recursive validation overflowed the stack (a 500
 *   from about 3,000 levels, an 18 KB body).
 * `root` names a value that is itself the text (a path parameter, a body that is a string).
 * Walks without recursion, so the walk itself cannot overflow.
 */
export function unsafeInputErrors(value: unknown, root: string): { errors: FieldError[]; tooDeep: boolean } {
  const errors: FieldError[] = [];
  const tooDeep = new Set<string>();
  const pending: [unknown, string, number][] = [[value, '', 0]];
  while (pending.length) {
    const [current, path, depth] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) errors.push(nulError(path || root));
    } else if (current && typeof current === 'object') {
      if (depth >= MAX_NESTING_DEPTH) {
        tooDeep.add(path.split('.')[0] || root);
        continue;
      }
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes(NUL)) errors.push(nulError(childPath));
        else pending.push([child, childPath, depth + 1]);
      }
    }
  }
  for (const field of tooDeep) {
    errors.push({ field, messages: [`${field} must not nest objects or arrays more than ${MAX_NESTING_DEPTH} levels deep`] });
  }
  return { errors: errors.reverse(), tooDeep: tooDeep.size > 0 };
}

function nulError(path: string): FieldError {
  const field = path.split(NUL).join('\\u0000');
  return { field, messages: [`${field} must not contain the NUL character (U+0000)`] };
}

/** One entry per field, with the messages of both lists. */
export function mergeFieldErrors(first: FieldError[], second: FieldError[]): FieldError[] {
  const merged = first.map((e) => ({ field: e.field, messages: [...e.messages] }));
  for (const error of second) {
    const same = merged.find((e) => e.field === error.field);
    if (same) same.messages.push(...error.messages);
    else merged.push(error);
  }
  return merged;
}
