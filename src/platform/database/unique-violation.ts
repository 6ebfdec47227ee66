import { UniqueConstraintViolationException } from '@mikro-orm/core';

/** True when a write lost a race on a unique index (PostgreSQL 23505). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof UniqueConstraintViolationException)) return false;
  if (!constraint) return true;
  return String((error as { constraint?: string }).constraint ?? error.message).includes(constraint);
}
