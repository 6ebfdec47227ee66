import { CREDIT_TIERS, Tier } from '../domain/credit-account';
import { CreditErrors } from '../errors';
import type { StoredEvent } from '../persistence/event-store';
import { isUuid } from '../../../platform/http/is-uuid';

const ID = /^[A-Za-z0-9_.-]{1,100}$/;

/** Commands arrive from other modules, not only through validated DTOs: check what keys are made of. */
export function requireUserId(userId: string): void {
  if (!isUuid(userId)) throw CreditErrors.invalidInput('userId', 'must be a UUID');
}

export function requireId(field: string, value: string): void {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw CreditErrors.invalidInput(field, 'must be 1 to 100 letters, digits, ., _ or -');
  }
}

export function requireTier(tier: string): asserts tier is Tier {
  if (!CREDIT_TIERS.includes(tier as Tier)) throw CreditErrors.invalidInput('tier', `must be one of ${CREDIT_TIERS.join(', ')}`);
}

/** The one event of a single-event command's result. */
export function only<T extends StoredEvent['type']>(events: StoredEvent[], type: T): StoredEvent & { type: T } {
  const event = events.find((e) => e.type === type);
  if (!event) throw new Error(`expected a ${type} event, got ${events.map((e) => e.type).join(', ') || 'none'}`);
  return event as StoredEvent & { type: T };
}
