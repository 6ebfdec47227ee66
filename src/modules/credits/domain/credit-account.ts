import { CreditErrors } from '../errors';
import type { Period } from './period';

/**
 * The credit account as a decider: `decide(state, command, policy) -> events` and
 * `evolve(state, event) -> state`, pure functions over union types. Nothing here knows about the
 * database, the clock or Nest; the handlers read the stream, fold it with `evolve`, call `decide`
 * and append what it returns.
 *
 * Two buckets hold spendable credits: `allowance` (granted per tier each calendar month, the
 * unused part expires) and `purchased` (bought or granted by an admin, never expires).
 * `reserved` holds credits set aside for running jobs until they are captured or released.
 */

export const CREDIT_TIERS = ['free', 'pro', 'enterprise'] as const;
export type Tier = (typeof CREDIT_TIERS)[number];

/** What the domain needs from configuration. */
export interface CreditPolicy {
  /** Monthly allowance per tier. */
  allowance: Record<Tier, number>;
}

// ---------------------------------------------------------------------------------------------
// Events

export type AllowanceGranted = {
  type: 'AllowanceGranted';
  data: { period: Period; tier: Tier; amount: number; reason: 'registration' | 'reset' | 'upgrade' };
};
export type AllowanceExpired = { type: 'AllowanceExpired'; data: { period: Period; amount: number } };
export type CreditsPurchased = {
  type: 'CreditsPurchased';
  data: {
    credits: number;
    packId: string;
    /** What the customer paid, in the currency's minor unit (cents). */
    amountPaid: number;
    currency: string;
    stripeEventId: string;
    checkoutSessionId: string;
    paymentIntentId: string | null;
  };
};
export type CreditsGranted = { type: 'CreditsGranted'; data: { amount: number; reason: string; grantedBy: string | null } };
export type CreditsReserved = {
  type: 'CreditsReserved';
  data: { jobId: string; attempt: number; amount: number; fromAllowance: number; fromPurchased: number; period: Period };
};
export type ReservationCaptured = {
  type: 'ReservationCaptured';
  data: { jobId: string; attempt: number; amount: number; fromAllowance: number; fromPurchased: number };
};
export type ReservationReleased = {
  type: 'ReservationReleased';
  data: {
    jobId: string;
    attempt: number;
    amount: number;
    toAllowance: number;
    toPurchased: number;
    /** The allowance part of a reservation whose period ended meanwhile: it stays expired. */
    forfeitedAllowance: number;
    reason: string;
  };
};
export type CreditsRefunded = {
  type: 'CreditsRefunded';
  data: { requested: number; refunded: number; shortfall: number; reason: string; paymentRef: string | null };
};
export type TierChanged = { type: 'TierChanged'; data: { from: Tier; to: Tier; effective: 'now' | 'next-period' } };

export type CreditEvent =
  | AllowanceGranted
  | AllowanceExpired
  | CreditsPurchased
  | CreditsGranted
  | CreditsReserved
  | ReservationCaptured
  | ReservationReleased
  | CreditsRefunded
  | TierChanged;

export type CreditEventType = CreditEvent['type'];

export const CREDIT_EVENT_TYPES: CreditEventType[] = [
  'AllowanceGranted',
  'AllowanceExpired',
  'CreditsPurchased',
  'CreditsGranted',
  'CreditsReserved',
  'ReservationCaptured',
  'ReservationReleased',
  'CreditsRefunded',
  'TierChanged',
];

// ---------------------------------------------------------------------------------------------
// Commands (the domain's view of them; the CQRS command classes map onto these)

export type CreditCommand =
  /** Opens the account with its tier's allowance, or starts the given period if it is newer. */
  | { type: 'GrantAllowance'; tier: Tier; period: Period }
  /** The monthly reset: expire the unused allowance of the old period, grant the tier's new one. */
  | { type: 'StartPeriod'; period: Period }
  | { type: 'PurchaseCredits'; purchase: CreditsPurchased['data'] }
  | { type: 'GrantCredits'; amount: number; reason: string; grantedBy: string | null }
  | { type: 'ReserveCredits'; jobId: string; attempt: number; amount: number }
  | { type: 'CaptureReservation'; jobId: string; attempt: number }
  | { type: 'ReleaseReservation'; jobId: string; attempt: number; reason: string }
  | { type: 'RefundCredits'; credits: number; reason: string; paymentRef: string | null }
  | { type: 'ChangeTier'; tier: Tier };

// ---------------------------------------------------------------------------------------------
// State

export interface OpenReservation {
  jobId: string;
  attempt: number;
  amount: number;
  fromAllowance: number;
  fromPurchased: number;
  period: Period;
}

export interface CreditAccountState {
  opened: boolean;
  /** The tier the users module last told us about. */
  tier: Tier;
  /** The tier whose allowance was granted for `period` (a downgrade waits for the next period). */
  grantedTier: Tier;
  period: Period | null;
  allowance: number;
  purchased: number;
  reserved: number;
  /** Open reservations by `reservationId(jobId, attempt)`. */
  reservations: Record<string, OpenReservation>;
}

export const initialState = (): CreditAccountState => ({
  opened: false,
  tier: 'free',
  grantedTier: 'free',
  period: null,
  allowance: 0,
  purchased: 0,
  reserved: 0,
  reservations: {},
});

export function reservationId(jobId: string, attempt: number): string {
  return `${jobId}:${attempt}`;
}

export function available(state: CreditAccountState): number {
  return state.allowance + state.purchased;
}

// ---------------------------------------------------------------------------------------------
// evolve

export function evolve(state: CreditAccountState, event: CreditEvent): CreditAccountState {
  switch (event.type) {
    case 'AllowanceGranted': {
      const { period, tier, amount } = event.data;
      return {
        ...state,
        opened: true,
        tier: state.opened ? state.tier : tier,
        grantedTier: tier,
        period,
        allowance: state.allowance + amount,
      };
    }
    case 'AllowanceExpired':
      return { ...state, allowance: state.allowance - event.data.amount };
    case 'CreditsPurchased':
      return { ...state, purchased: state.purchased + event.data.credits };
    case 'CreditsGranted':
      return { ...state, purchased: state.purchased + event.data.amount };
    case 'CreditsReserved': {
      const { jobId, attempt, amount, fromAllowance, fromPurchased, period } = event.data;
      return {
        ...state,
        allowance: state.allowance - fromAllowance,
        purchased: state.purchased - fromPurchased,
        reserved: state.reserved + amount,
        reservations: {
          ...state.reservations,
          [reservationId(jobId, attempt)]: { jobId, attempt, amount, fromAllowance, fromPurchased, period },
        },
      };
    }
    case 'ReservationCaptured': {
      const { [reservationId(event.data.jobId, event.data.attempt)]: _ended, ...open } = state.reservations;
      return { ...state, reserved: state.reserved - event.data.amount, reservations: open };
    }
    case 'ReservationReleased': {
      const { [reservationId(event.data.jobId, event.data.attempt)]: _ended, ...open } = state.reservations;
      return {
        ...state,
        allowance: state.allowance + event.data.toAllowance,
        purchased: state.purchased + event.data.toPurchased,
        reserved: state.reserved - event.data.amount,
        reservations: open,
      };
    }
    case 'CreditsRefunded':
      return { ...state, purchased: state.purchased - event.data.refunded };
    case 'TierChanged':
      return { ...state, tier: event.data.to };
    default:
      return assertNever(event);
  }
}

export function fold(events: CreditEvent[], state: CreditAccountState = initialState()): CreditAccountState {
  return events.reduce(evolve, state);
}

/**
 * What an event does to each bucket. Independent of `evolve` on purpose: the ledger view shows
 * it, and the invariant tests sum it per stream and compare with the projection.
 */
export function bucketDeltas(event: CreditEvent): { allowance: number; purchased: number; reserved: number } {
  switch (event.type) {
    case 'AllowanceGranted':
      return { allowance: event.data.amount, purchased: 0, reserved: 0 };
    case 'AllowanceExpired':
      return { allowance: -event.data.amount, purchased: 0, reserved: 0 };
    case 'CreditsPurchased':
      return { allowance: 0, purchased: event.data.credits, reserved: 0 };
    case 'CreditsGranted':
      return { allowance: 0, purchased: event.data.amount, reserved: 0 };
    case 'CreditsReserved':
      return { allowance: -event.data.fromAllowance, purchased: -event.data.fromPurchased, reserved: event.data.amount };
    case 'ReservationCaptured':
      return { allowance: 0, purchased: 0, reserved: -event.data.amount };
    case 'ReservationReleased':
      return { allowance: event.data.toAllowance, purchased: event.data.toPurchased, reserved: -event.data.amount };
    case 'CreditsRefunded':
      return { allowance: 0, purchased: -event.data.refunded, reserved: 0 };
    case 'TierChanged':
      return { allowance: 0, purchased: 0, reserved: 0 };
    default:
      return assertNever(event);
  }
}

// ---------------------------------------------------------------------------------------------
// decide

export function decide(state: CreditAccountState, command: CreditCommand, policy: CreditPolicy): CreditEvent[] {
  switch (command.type) {
    case 'GrantAllowance':
      if (!state.opened) {
        return [
          {
            type: 'AllowanceGranted',
            data: { period: command.period, tier: command.tier, amount: policy.allowance[command.tier], reason: 'registration' },
          },
        ];
      }
      return startPeriod(state, command.period, policy);
    case 'StartPeriod':
      requireOpen(state);
      return startPeriod(state, command.period, policy);
    case 'PurchaseCredits':
      requireOpen(state);
      requirePositive('credits', command.purchase.credits);
      return [{ type: 'CreditsPurchased', data: command.purchase }];
    case 'GrantCredits':
      requireOpen(state);
      requirePositive('amount', command.amount);
      return [{ type: 'CreditsGranted', data: { amount: command.amount, reason: command.reason, grantedBy: command.grantedBy } }];
    case 'ReserveCredits': {
      requireOpen(state);
      requirePositive('amount', command.amount);
      requireAttempt(command.attempt);
      if (state.reservations[reservationId(command.jobId, command.attempt)]) {
        throw CreditErrors.reservationExists(command.jobId, command.attempt);
      }
      if (available(state) < command.amount) throw CreditErrors.insufficient(command.amount, available(state));
      const fromAllowance = Math.min(state.allowance, command.amount);
      return [
        {
          type: 'CreditsReserved',
          data: {
            jobId: command.jobId,
            attempt: command.attempt,
            amount: command.amount,
            fromAllowance,
            fromPurchased: command.amount - fromAllowance,
            period: state.period!,
          },
        },
      ];
    }
    case 'CaptureReservation': {
      requireOpen(state);
      const open = state.reservations[reservationId(command.jobId, command.attempt)];
      if (!open) throw CreditErrors.reservationNotOpen(command.jobId, command.attempt);
      const { jobId, attempt, amount, fromAllowance, fromPurchased } = open;
      return [{ type: 'ReservationCaptured', data: { jobId, attempt, amount, fromAllowance, fromPurchased } }];
    }
    case 'ReleaseReservation': {
      requireOpen(state);
      const open = state.reservations[reservationId(command.jobId, command.attempt)];
      if (!open) throw CreditErrors.reservationNotOpen(command.jobId, command.attempt);
      // The allowance of an ended period expired with it; only the purchased part comes back.
      const samePeriod = open.period === state.period;
      return [
        {
          type: 'ReservationReleased',
          data: {
            jobId: open.jobId,
            attempt: open.attempt,
            amount: open.amount,
            toAllowance: samePeriod ? open.fromAllowance : 0,
            toPurchased: open.fromPurchased,
            forfeitedAllowance: samePeriod ? 0 : open.fromAllowance,
            reason: command.reason,
          },
        },
      ];
    }
    case 'RefundCredits': {
      requireOpen(state);
      requirePositive('credits', command.credits);
      const refunded = Math.min(command.credits, state.purchased);
      return [
        {
          type: 'CreditsRefunded',
          data: {
            requested: command.credits,
            refunded,
            shortfall: command.credits - refunded,
            reason: command.reason,
            paymentRef: command.paymentRef,
          },
        },
      ];
    }
    case 'ChangeTier': {
      requireOpen(state);
      if (command.tier === state.tier) return [];
      const difference = policy.allowance[command.tier] - policy.allowance[state.grantedTier];
      const changed: TierChanged = {
        type: 'TierChanged',
        data: { from: state.tier, to: command.tier, effective: difference >= 0 ? 'now' : 'next-period' },
      };
      if (difference <= 0) return [changed];
      return [
        changed,
        { type: 'AllowanceGranted', data: { period: state.period!, tier: command.tier, amount: difference, reason: 'upgrade' } },
      ];
    }
    default:
      return assertNever(command);
  }
}

/** Expire what is left of the old period's allowance, grant the current tier's for the new one. */
function startPeriod(state: CreditAccountState, period: Period, policy: CreditPolicy): CreditEvent[] {
  if (state.period !== null && state.period >= period) return [];
  const events: CreditEvent[] = [];
  if (state.allowance > 0) {
    events.push({ type: 'AllowanceExpired', data: { period: state.period!, amount: state.allowance } });
  }
  events.push({
    type: 'AllowanceGranted',
    data: { period, tier: state.tier, amount: policy.allowance[state.tier], reason: 'reset' },
  });
  return events;
}

function requireOpen(state: CreditAccountState): void {
  if (!state.opened) throw CreditErrors.accountNotFound();
}

function requirePositive(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) throw CreditErrors.invalidAmount(field, 'must be a whole number of at least 1');
}

function requireAttempt(attempt: number): void {
  if (!Number.isSafeInteger(attempt) || attempt < 0) throw CreditErrors.invalidInput('attempt', 'must be a whole number of at least 0');
}

export function assertNever(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}
