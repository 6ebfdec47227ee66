import { DomainError } from '../../platform/http/domain-error';

/** Every failure of the credits module a caller can act on; the code is the stable part. */
export const CreditErrors = {
  insufficient: (required: number, available: number) =>
    new DomainError(
      'CREDITS.INSUFFICIENT',
      402,
      'Not enough credits',
      `This needs ${required} credit(s); ${available} available.`,
      { required, available },
    ),
  accountNotFound: () =>
    new DomainError('CREDITS.ACCOUNT_NOT_FOUND', 404, 'No credit account', 'This user has no credit account.'),
  reservationNotOpen: (jobId: string, attempt: number) =>
    new DomainError(
      'CREDITS.RESERVATION_NOT_OPEN',
      409,
      'No open reservation',
      `Job ${jobId} attempt ${attempt} has no open reservation: it was never made, or was already captured or released.`,
    ),
  reservationExists: (jobId: string, attempt: number) =>
    new DomainError(
      'CREDITS.RESERVATION_EXISTS',
      409,
      'Reservation exists',
      `Job ${jobId} attempt ${attempt} already holds a reservation.`,
    ),
  invalidAmount: (field: string, detail: string) =>
    new DomainError('CREDITS.INVALID_AMOUNT', 400, 'Invalid amount', `${field}: ${detail}`, {
      errors: [{ field, messages: [detail] }],
    }),
  invalidInput: (field: string, detail: string) =>
    new DomainError('CREDITS.INVALID_INPUT', 400, 'Invalid input', `${field}: ${detail}`, {
      errors: [{ field, messages: [detail] }],
    }),
  conflict: () =>
    new DomainError(
      'CREDITS.CONFLICT',
      409,
      'Concurrent change',
      'The credit account changed while this request was handled; try again.',
    ),
  idempotencyKeyReused: (key: string) =>
    new DomainError(
      'CREDITS.IDEMPOTENCY_KEY_REUSED',
      409,
      'Idempotency key reused',
      `The key ${key} was already used for a different request.`,
    ),
  unknownPack: (packId: string, known: string[]) =>
    new DomainError('CREDITS.UNKNOWN_PACK', 400, 'Unknown pack', `There is no pack "${packId}"; choose one of ${known.join(', ')}.`, {
      errors: [{ field: 'packId', messages: [`must be one of ${known.join(', ')}`] }],
    }),
  stripeNotConfigured: (what: string) =>
    new DomainError(
      'CREDITS.STRIPE_NOT_CONFIGURED',
      503,
      'Payments are not configured',
      `Credit purchases are not available on this server: set ${what}.`,
    ),
  stripeSignatureInvalid: (detail: string) =>
    new DomainError('CREDITS.STRIPE_SIGNATURE_INVALID', 400, 'Invalid webhook signature', detail),
  stripeFailed: (detail: string) => new DomainError('CREDITS.STRIPE_FAILED', 502, 'Payment provider failed', detail),
  stripeEventUnusable: (detail: string) =>
    new DomainError('CREDITS.STRIPE_EVENT_UNUSABLE', 422, 'Stripe event cannot be applied', detail),
  badIdempotencyKeyHeader: () =>
    new DomainError(
      'CREDITS.BAD_IDEMPOTENCY_KEY',
      400,
      'Invalid Idempotency-Key',
      'Idempotency-Key must be 1 to 200 characters of letters, digits and . _ : -',
      { errors: [{ field: 'Idempotency-Key', messages: ['must be 1 to 200 characters of letters, digits and . _ : -'] }] },
    ),
};
