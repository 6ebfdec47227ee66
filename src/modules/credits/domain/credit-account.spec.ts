import { DomainError } from '../../../platform/http/domain-error';
import { bucketDeltas, CreditCommand, CreditEvent, CreditPolicy, decide, fold } from './credit-account';
import { nextPeriod, periodEnd, periodOf } from './period';

const policy: CreditPolicy = { allowance: { free: 3, pro: 30, enterprise: 999_999 } };
const NOV = '2026-11';
const DEC = '2026-12';

/** given events / when command / then events (or the error code). */
function given(...events: CreditEvent[]) {
  const state = fold(events);
  return {
    when: (command: CreditCommand) => ({
      then: (expected: CreditEvent[]) => expect(decide(state, command, policy)).toEqual(expected),
      thenFails: (code: string) => {
        try {
          decide(state, command, policy);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
          return;
        }
        throw new Error(`expected ${code}, but the command was accepted`);
      },
    }),
  };
}

const opened = (tier: 'free' | 'pro' | 'enterprise' = 'free', period = NOV): CreditEvent => ({
  type: 'AllowanceGranted',
  data: { period, tier, amount: policy.allowance[tier], reason: 'registration' },
});
const granted = (amount: number): CreditEvent => ({ type: 'CreditsGranted', data: { amount, reason: 'gift', grantedBy: null } });
const reserved = (jobId: string, amount: number, fromAllowance: number, period = NOV): CreditEvent => ({
  type: 'CreditsReserved',
  data: { jobId, attempt: 1, amount, fromAllowance, fromPurchased: amount - fromAllowance, period },
});

describe('CreditAccount', () => {
  describe('GrantAllowance', () => {
    it('opens an account with its tier allowance', () => {
      given()
        .when({ type: 'GrantAllowance', tier: 'pro', period: NOV })
        .then([{ type: 'AllowanceGranted', data: { period: NOV, tier: 'pro', amount: 30, reason: 'registration' } }]);
    });

    it('grants nothing twice in one period', () => {
      given(opened()).when({ type: 'GrantAllowance', tier: 'free', period: NOV }).then([]);
    });
  });

  describe('ReserveCredits', () => {
    it('takes the allowance first, then purchased credits', () => {
      given(opened(), granted(5))
        .when({ type: 'ReserveCredits', jobId: 'job-1', attempt: 1, amount: 5 })
        .then([reserved('job-1', 5, 3)]);
    });

    it('refuses more than is available with 402', () => {
      given(opened(), granted(1)).when({ type: 'ReserveCredits', jobId: 'job-1', attempt: 1, amount: 5 }).thenFails('CREDITS.INSUFFICIENT');
    });

    it('refuses zero, negative and fractional amounts', () => {
      for (const amount of [0, -1, 1.5, Number.NaN]) {
        given(opened()).when({ type: 'ReserveCredits', jobId: 'job-1', attempt: 1, amount }).thenFails('CREDITS.INVALID_AMOUNT');
      }
    });

    it('refuses an account that was never opened', () => {
      given().when({ type: 'ReserveCredits', jobId: 'job-1', attempt: 1, amount: 1 }).thenFails('CREDITS.ACCOUNT_NOT_FOUND');
    });

    it('refuses a second reservation for the same job attempt', () => {
      given(opened(), reserved('job-1', 1, 1))
        .when({ type: 'ReserveCredits', jobId: 'job-1', attempt: 1, amount: 1 })
        .thenFails('CREDITS.RESERVATION_EXISTS');
    });
  });

  describe('CaptureReservation and ReleaseReservation', () => {
    it('captures the whole reservation', () => {
      given(opened(), granted(5), reserved('job-1', 5, 3))
        .when({ type: 'CaptureReservation', jobId: 'job-1', attempt: 1 })
        .then([{ type: 'ReservationCaptured', data: { jobId: 'job-1', attempt: 1, amount: 5, fromAllowance: 3, fromPurchased: 2 } }]);
    });

    it('releases back to the buckets the credits came from', () => {
      given(opened(), granted(5), reserved('job-1', 5, 3))
        .when({ type: 'ReleaseReservation', jobId: 'job-1', attempt: 1, reason: 'failed' })
        .then([
          {
            type: 'ReservationReleased',
            data: { jobId: 'job-1', attempt: 1, amount: 5, toAllowance: 3, toPurchased: 2, forfeitedAllowance: 0, reason: 'failed' },
          },
        ]);
    });

    it('after the period ended, releases only the purchased part', () => {
      given(
        opened(),
        granted(5),
        reserved('job-1', 5, 3),
        { type: 'AllowanceGranted', data: { period: DEC, tier: 'free', amount: 3, reason: 'reset' } },
      )
        .when({ type: 'ReleaseReservation', jobId: 'job-1', attempt: 1, reason: 'failed' })
        .then([
          {
            type: 'ReservationReleased',
            data: { jobId: 'job-1', attempt: 1, amount: 5, toAllowance: 0, toPurchased: 2, forfeitedAllowance: 3, reason: 'failed' },
          },
        ]);
    });

    it('ends a reservation exactly once', () => {
      const ended = given(opened(), reserved('job-1', 1, 1), {
        type: 'ReservationCaptured',
        data: { jobId: 'job-1', attempt: 1, amount: 1, fromAllowance: 1, fromPurchased: 0 },
      });
      ended.when({ type: 'ReleaseReservation', jobId: 'job-1', attempt: 1, reason: 'x' }).thenFails('CREDITS.RESERVATION_NOT_OPEN');
      ended.when({ type: 'CaptureReservation', jobId: 'job-1', attempt: 1 }).thenFails('CREDITS.RESERVATION_NOT_OPEN');
    });
  });

  describe('StartPeriod (monthly reset)', () => {
    it('expires the unused allowance, grants the tier allowance and keeps purchased credits', () => {
      given(opened(), granted(4), reserved('job-1', 1, 1))
        .when({ type: 'StartPeriod', period: DEC })
        .then([
          { type: 'AllowanceExpired', data: { period: NOV, amount: 2 } },
          { type: 'AllowanceGranted', data: { period: DEC, tier: 'free', amount: 3, reason: 'reset' } },
        ]);
    });

    it('does nothing for a period that already started', () => {
      given(opened()).when({ type: 'StartPeriod', period: NOV }).then([]);
    });
  });

  describe('ChangeTier', () => {
    it('an upgrade grants the difference at once', () => {
      given(opened('free'))
        .when({ type: 'ChangeTier', tier: 'pro' })
        .then([
          { type: 'TierChanged', data: { from: 'free', to: 'pro', effective: 'now' } },
          { type: 'AllowanceGranted', data: { period: NOV, tier: 'pro', amount: 27, reason: 'upgrade' } },
        ]);
    });

    it('a downgrade waits for the next period, which grants the new tier', () => {
      given(opened('pro'))
        .when({ type: 'ChangeTier', tier: 'free' })
        .then([{ type: 'TierChanged', data: { from: 'pro', to: 'free', effective: 'next-period' } }]);
      given(opened('pro'), { type: 'TierChanged', data: { from: 'pro', to: 'free', effective: 'next-period' } })
        .when({ type: 'StartPeriod', period: DEC })
        .then([
          { type: 'AllowanceExpired', data: { period: NOV, amount: 30 } },
          { type: 'AllowanceGranted', data: { period: DEC, tier: 'free', amount: 3, reason: 'reset' } },
        ]);
    });

    it('upgrading back within the period grants nothing more', () => {
      given(opened('pro'), { type: 'TierChanged', data: { from: 'pro', to: 'free', effective: 'next-period' } })
        .when({ type: 'ChangeTier', tier: 'pro' })
        .then([{ type: 'TierChanged', data: { from: 'free', to: 'pro', effective: 'now' } }]);
    });
  });

  describe('RefundCredits', () => {
    it('takes back purchased credits up to what is unspent and reports the rest', () => {
      given(opened(), granted(5), reserved('job-1', 5, 3))
        .when({ type: 'RefundCredits', credits: 10, reason: 'refund', paymentRef: 'pi_1' })
        .then([{ type: 'CreditsRefunded', data: { requested: 10, refunded: 3, shortfall: 7, reason: 'refund', paymentRef: 'pi_1' } }]);
    });
  });

  it('bucket deltas of any history add up to the folded state', () => {
    const history: CreditEvent[] = [
      opened('free'),
      granted(7),
      reserved('a', 4, 3),
      { type: 'ReservationCaptured', data: { jobId: 'a', attempt: 1, amount: 4, fromAllowance: 3, fromPurchased: 1 } },
      { type: 'TierChanged', data: { from: 'free', to: 'pro', effective: 'now' } },
      { type: 'AllowanceGranted', data: { period: NOV, tier: 'pro', amount: 27, reason: 'upgrade' } },
      reserved('b', 30, 27),
      { type: 'AllowanceExpired', data: { period: NOV, amount: 0 } },
      { type: 'AllowanceGranted', data: { period: DEC, tier: 'pro', amount: 30, reason: 'reset' } },
      { type: 'ReservationReleased', data: { jobId: 'b', attempt: 1, amount: 30, toAllowance: 0, toPurchased: 3, forfeitedAllowance: 27, reason: 'x' } },
      { type: 'CreditsRefunded', data: { requested: 9, refunded: 6, shortfall: 3, reason: 'r', paymentRef: null } },
    ];
    const state = fold(history);
    const sums = history.map(bucketDeltas).reduce((a, d) => ({
      allowance: a.allowance + d.allowance,
      purchased: a.purchased + d.purchased,
      reserved: a.reserved + d.reserved,
    }));
    expect(sums).toEqual({ allowance: state.allowance, purchased: state.purchased, reserved: state.reserved });
    expect(state).toMatchObject({ allowance: 30, purchased: 0, reserved: 0, tier: 'pro', period: DEC });
  });
});

describe('periods', () => {
  it('are calendar months in UTC', () => {
    expect(periodOf(new Date('2026-11-30T23:59:59.999Z'))).toBe('2026-11');
    expect(periodOf(new Date('2026-12-01T00:00:00.000Z'))).toBe('2026-12');
    expect(periodEnd('2026-12').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(nextPeriod('2026-12')).toBe('2027-01');
  });
});
