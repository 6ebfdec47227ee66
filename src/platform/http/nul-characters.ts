import type { FieldError } from './problem';

const NUL = '\u0000';

/**
 * The fields of a request body or query whose text holds U+0000. PostgreSQL's text and jsonb
 * cannot store it: the query fails, which a client used to see as a 500.
 * `root` names a value that is itself the text (a path parameter, a body that is a string).
 * Walks without recursion, so a deeply nested body cannot overflow the stack.
 */
export function nulCharacterErrors(value: unknown, root: string): FieldError[] {
  const errors: FieldError[] = [];
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length) {
    const [current, path] = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) errors.push(nulError(path || root));
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        if (key.includes(NUL)) errors.push(nulError(childPath));
        else pending.push([child, childPath]);
      }
    }
  }
  return errors.reverse();
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
