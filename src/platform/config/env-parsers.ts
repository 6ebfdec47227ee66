import { z } from 'zod';

/** An integer given as text in the environment. */
export function integer(bounds: { min?: number; max?: number } = {}) {
  let schema = z.coerce.number().int('must be an integer');
  if (bounds.min !== undefined) schema = schema.min(bounds.min);
  if (bounds.max !== undefined) schema = schema.max(bounds.max);
  return schema;
}

/** true/false, 1/0, yes/no; anything else is refused rather than guessed. */
export function booleanFlag(fallback: boolean) {
  return z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes'].includes(v)));
}

/** An optional variable where an empty string means "not set", as in most .env files. */
export function optionalString<T extends z.ZodTypeAny>(inner: T) {
  return z.preprocess((v) => (v === '' ? undefined : v), inner.optional());
}
