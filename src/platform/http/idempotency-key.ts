import { DomainError } from './domain-error';

/** An `Idempotency-Key` header must be 1-200 visible ASCII characters; absent is fine. */
export function assertIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new DomainError('VALIDATION.FAILED', 400, 'The request is not valid', 'Idempotency-Key must be 1-200 visible ASCII characters.');
  }
}
