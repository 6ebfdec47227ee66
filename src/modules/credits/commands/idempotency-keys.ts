import type { Period } from '../domain/period';

/**
 * Idempotency keys are per event, as in the architecture doc. They are unique across the whole
 * ledger, so each names what makes the event happen once.
 */
export const resetKeys = (userId: string, period: Period) => ({
  expire: `reset:${userId}:${period}:expire`,
  grant: `reset:${userId}:${period}:grant`,
});
export const reserveKey = (jobId: string, attempt: number) => `reserve:${jobId}:${attempt}`;
export const captureKey = (jobId: string, attempt: number) => `capture:${jobId}:${attempt}`;
export const releaseKey = (jobId: string, attempt: number) => `release:${jobId}:${attempt}`;
export const stripeKey = (stripeEventId: string) => `stripe:${stripeEventId}`;
export const grantKey = (grantId: string) => `grant:${grantId}`;
export const refundKey = (refundId: string) => `refund:${refundId}`;
export const tierKeys = (userId: string, changeId: string) => ({
  change: `tier:${userId}:${changeId}`,
  grant: `tier:${userId}:${changeId}:grant`,
});
