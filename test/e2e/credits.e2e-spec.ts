import { randomUUID } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DomainError } from '../../src/platform/http/domain-error';
import { CaptureReservationCommand } from '../../src/modules/credits/commands/capture-reservation/capture-reservation.command';
import { ChangeTierCommand } from '../../src/modules/credits/commands/change-tier/change-tier.command';
import { GrantCreditsCommand } from '../../src/modules/credits/commands/grant-credits/grant-credits.command';
import { RefundCreditsCommand } from '../../src/modules/credits/commands/refund-credits/refund-credits.command';
import { ReleaseReservationCommand } from '../../src/modules/credits/commands/release-reservation/release-reservation.command';
import { ReserveCreditsCommand } from '../../src/modules/credits/commands/reserve-credits/reserve-credits.command';
import { ResetMonthlyAllowanceCommand } from '../../src/modules/credits/commands/reset-monthly-allowance/reset-monthly-allowance.command';
import { MonthlyResetService } from '../../src/modules/credits/commands/reset-monthly-allowance/monthly-reset.service';
import { GetBalanceQuery } from '../../src/modules/credits/queries/get-balance/get-balance.query';
import { creditsRebuildCli, creditsResetMonthlyCli } from '../../src/modules/credits/cli/credits.cli';
import { nextPeriod, periodOf, periodStart } from '../../src/modules/credits/domain/period';
import { startTestApp, TestApp } from '../support/test-app';
import { registerUser, RegisteredUser } from '../support/users';

const PROBLEM = 'application/problem+json';

/** Per-bucket sums straight from the stored events, in SQL: independent of the TypeScript fold. */
const BUCKET_SUMS = `
  select stream_id,
    coalesce(sum(case type
      when 'AllowanceGranted' then (payload->>'amount')::int
      when 'AllowanceExpired' then -(payload->>'amount')::int
      when 'CreditsReserved' then -(payload->>'fromAllowance')::int
      when 'ReservationReleased' then (payload->>'toAllowance')::int
      else 0 end), 0)::int as allowance,
    coalesce(sum(case type
      when 'CreditsPurchased' then (payload->>'credits')::int
      when 'CreditsGranted' then (payload->>'amount')::int
      when 'CreditsReserved' then -(payload->>'fromPurchased')::int
      when 'ReservationReleased' then (payload->>'toPurchased')::int
      when 'CreditsRefunded' then -(payload->>'refunded')::int
      else 0 end), 0)::int as purchased,
    coalesce(sum(case type
      when 'CreditsReserved' then (payload->>'amount')::int
      when 'ReservationCaptured' then -(payload->>'amount')::int
      when 'ReservationReleased' then -(payload->>'amount')::int
      else 0 end), 0)::int as reserved,
    max(version) as version
  from credit_events group by stream_id order by stream_id`;

/** The lowest running balance of each bucket over each stream's history (never below zero). */
const LOWEST_RUNNING = `
  with deltas as (
    select stream_id, version,
      case type when 'AllowanceGranted' then (payload->>'amount')::int when 'AllowanceExpired' then -(payload->>'amount')::int
        when 'CreditsReserved' then -(payload->>'fromAllowance')::int when 'ReservationReleased' then (payload->>'toAllowance')::int else 0 end as a,
      case type when 'CreditsPurchased' then (payload->>'credits')::int when 'CreditsGranted' then (payload->>'amount')::int
        when 'CreditsReserved' then -(payload->>'fromPurchased')::int when 'ReservationReleased' then (payload->>'toPurchased')::int
        when 'CreditsRefunded' then -(payload->>'refunded')::int else 0 end as p,
      case type when 'CreditsReserved' then (payload->>'amount')::int when 'ReservationCaptured' then -(payload->>'amount')::int
        when 'ReservationReleased' then -(payload->>'amount')::int else 0 end as r
    from credit_events),
  running as (
    select sum(a) over w as a, sum(p) over w as p, sum(r) over w as r from deltas
    window w as (partition by stream_id order by version))
  select coalesce(min(a), 0)::int as allowance, coalesce(min(p), 0)::int as purchased, coalesce(min(r), 0)::int as reserved from running`;

const PROJECTION = `select stream_id, allowance, purchased, reserved, available, version, tier, period, period_end
  from credit_balances order by stream_id`;

describe('credits ledger', () => {
  let t: TestApp;
  let commands: CommandBus;
  let queries: QueryBus;

  beforeAll(async () => {
    t = await startTestApp({ CREDITS_RESET_SCHEDULE_ENABLED: 'false' });
    commands = t.app.get(CommandBus);
    queries = t.app.get(QueryBus);
  });
  afterAll(() => t?.close());

  const balance = (userId: string) => queries.execute(new GetBalanceQuery(userId));
  const grant = (userId: string, amount: number) =>
    commands.execute(new GrantCreditsCommand({ userId, amount, reason: 'test top-up', grantId: randomUUID() }));
  const eventCount = async (userId: string, type?: string) =>
    (
      await t.sql<{ n: number }>(
        `select count(*)::int as n from credit_events where stream_id = ? ${type ? 'and type = ?' : ''}`,
        type ? [`credits-${userId}`, type] : [`credits-${userId}`],
      )
    )[0].n;
  const nextMonth = () => periodStart(nextPeriod(periodOf(new Date())));

  it('grants the tier allowance at registration, visible right away through the API', async () => {
    const user = await registerUser(t);
    const res = await t.http.get('/api/v1/credits/balance', { token: user.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      tier: 'free',
      allowance: 3,
      purchased: 0,
      reserved: 0,
      available: 3,
      period: periodOf(new Date()),
      periodEnd: nextMonth().toISOString(),
      version: 1,
    });
    const ledger = await t.http.get('/api/v1/credits/ledger', { token: user.accessToken });
    expect(ledger.body.items).toEqual([
      expect.objectContaining({ type: 'AllowanceGranted', amounts: { allowance: 3, purchased: 0, reserved: 0 }, period: periodOf(new Date()) }),
    ]);
    // The same month's reset finds the grant done: still one grant.
    const reset = await commands.execute(new ResetMonthlyAllowanceCommand({ userId: user.id }));
    expect(reset).toMatchObject({ granted: 3, applied: false });
    expect(await eventCount(user.id)).toBe(1);
  });

  it('lets exactly 50 of 200 concurrent 1-credit reservations through against 50 available', async () => {
    const user = await registerUser(t);
    await grant(user.id, 47);
    expect((await balance(user.id)).available).toBe(50);

    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        commands.execute(new ReserveCreditsCommand({ userId: user.id, jobId: `burst-${i}`, attempt: 1, amount: 1 })),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(150);
    for (const { reason } of refused) {
      expect(reason).toBeInstanceOf(DomainError);
      expect([402, 409]).toContain((reason as DomainError).status);
    }
    expect(await balance(user.id)).toMatchObject({ available: 0, allowance: 0, purchased: 0, reserved: 50 });
    expect(await eventCount(user.id, 'CreditsReserved')).toBe(50);

    const res = await t.http.get('/api/v1/credits/balance', { token: user.accessToken });
    expect(res.body).toMatchObject({ available: 0, reserved: 50 });
  });

  it('answers a replayed command with its first result and appends nothing, also under concurrency', async () => {
    const user = await registerUser(t);
    await grant(user.id, 5);
    const reserve = (amount = 4) => new ReserveCreditsCommand({ userId: user.id, jobId: 'job-replay', attempt: 1, amount });

    const first = await commands.execute(reserve());
    expect(first).toMatchObject({ reservationId: 'job-replay:1', amount: 4, fromAllowance: 3, fromPurchased: 1 });
    const before = await eventCount(user.id);
    const replays = await Promise.all(Array.from({ length: 10 }, () => commands.execute(reserve())));
    for (const replay of replays) expect(replay).toEqual(first);
    expect(await eventCount(user.id)).toBe(before);
    expect(await balance(user.id)).toMatchObject({ available: 4, reserved: 4 });

    // The same key for another request is refused, not silently answered.
    await expect(commands.execute(reserve(2))).rejects.toMatchObject({ code: 'CREDITS.IDEMPOTENCY_KEY_REUSED', status: 409 });

    const captured = await commands.execute(new CaptureReservationCommand({ userId: user.id, jobId: 'job-replay', attempt: 1 }));
    expect(await commands.execute(new CaptureReservationCommand({ userId: user.id, jobId: 'job-replay', attempt: 1 }))).toEqual(captured);
    expect(await eventCount(user.id)).toBe(before + 1);
  });

  it('captures into spending and releases back to the buckets it came from, each reservation ending once', async () => {
    const user = await registerUser(t);
    await grant(user.id, 4);
    await commands.execute(new ReserveCreditsCommand({ userId: user.id, jobId: 'job-a', attempt: 1, amount: 5 }));
    await commands.execute(new ReserveCreditsCommand({ userId: user.id, jobId: 'job-b', attempt: 1, amount: 2 }));
    expect(await balance(user.id)).toMatchObject({ allowance: 0, purchased: 0, reserved: 7 });

    const captured = await commands.execute(new CaptureReservationCommand({ userId: user.id, jobId: 'job-a', attempt: 1 }));
    expect(captured).toMatchObject({ captured: 5, fromAllowance: 3, fromPurchased: 2 });
    const released = await commands.execute(new ReleaseReservationCommand({ userId: user.id, jobId: 'job-b', attempt: 1, reason: 'job failed' }));
    expect(released).toMatchObject({ released: 2, toAllowance: 0, toPurchased: 2, forfeitedAllowance: 0 });
    expect(await balance(user.id)).toMatchObject({ allowance: 0, purchased: 2, reserved: 0, available: 2 });

    await expect(commands.execute(new ReleaseReservationCommand({ userId: user.id, jobId: 'job-a', attempt: 1 }))).rejects.toMatchObject({
      code: 'CREDITS.RESERVATION_NOT_OPEN',
      status: 409,
    });
    await expect(commands.execute(new CaptureReservationCommand({ userId: user.id, jobId: 'job-b', attempt: 1 }))).rejects.toMatchObject({
      code: 'CREDITS.RESERVATION_NOT_OPEN',
    });
    await expect(commands.execute(new CaptureReservationCommand({ userId: user.id, jobId: 'never', attempt: 1 }))).rejects.toMatchObject({
      code: 'CREDITS.RESERVATION_NOT_OPEN',
    });
    // Bad input from another module is refused before anything is appended.
    const count = await eventCount(user.id);
    for (const bad of [0, -2, 1.5]) {
      await expect(
        commands.execute(new ReserveCreditsCommand({ userId: user.id, jobId: `bad-${bad}`, attempt: 1, amount: bad })),
      ).rejects.toMatchObject({ code: 'CREDITS.INVALID_AMOUNT', status: 400 });
    }
    await expect(
      commands.execute(new ReserveCreditsCommand({ userId: user.id, jobId: 'has spaces', attempt: 1, amount: 1 })),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      commands.execute(new ReserveCreditsCommand({ userId: randomUUID(), jobId: 'nobody', attempt: 1, amount: 1 })),
    ).rejects.toMatchObject({ code: 'CREDITS.ACCOUNT_NOT_FOUND', status: 404 });
    expect(await eventCount(user.id)).toBe(count);
  });

  it('returns only the purchased part of a reservation released after its period ended', async () => {
    const user = await registerUser(t);
    await grant(user.id, 5);
    await commands.execute(new ReserveCreditsCommand({ userId: user.id, jobId: 'job-late', attempt: 1, amount: 5 }));
    const reset = await commands.execute(new ResetMonthlyAllowanceCommand({ userId: user.id, at: nextMonth() }));
    expect(reset).toMatchObject({ period: nextPeriod(periodOf(new Date())), expired: 0, granted: 3, applied: true });

    const released = await commands.execute(new ReleaseReservationCommand({ userId: user.id, jobId: 'job-late', attempt: 1, reason: 'cancelled' }));
    expect(released).toMatchObject({ released: 5, toAllowance: 0, toPurchased: 2, forfeitedAllowance: 3 });
    expect(await balance(user.id)).toMatchObject({ allowance: 3, purchased: 5, reserved: 0, available: 8 });
  });

  it('resets monthly once per account and period, also when two runs race, and records each run', async () => {
    const users: RegisteredUser[] = [];
    for (let i = 0; i < 4; i++) users.push(await registerUser(t));
    await grant(users[0].id, 10);
    await commands.execute(new ReserveCreditsCommand({ userId: users[1].id, jobId: 'reset-job', attempt: 1, amount: 2 }));
    const service = t.app.get(MonthlyResetService);
    const at = periodStart(nextPeriod(nextPeriod(periodOf(new Date())))); // in two months: no other test's account is there yet
    const dueBefore = await service.dueCount(at);
    expect(dueBefore).toBeGreaterThanOrEqual(4);

    const dry = await service.run({ at, dryRun: true, batchSize: 3 });
    expect(dry).toMatchObject({ dryRun: true, accountsDue: dueBefore, accountsFailed: 0 });
    expect(await balance(users[0].id)).toMatchObject({ allowance: 3, period: periodOf(new Date()) });

    const [a, b] = await Promise.all([service.run({ at, batchSize: 2 }), service.run({ at, batchSize: 2 })]);
    expect(a.accountsReset + b.accountsReset).toBe(dueBefore);
    expect(a.accountsFailed + b.accountsFailed).toBe(0);
    const period = periodOf(at);
    for (const user of users) {
      const grants = await t.sql<{ n: number }>(
        `select count(*)::int as n from credit_events where stream_id = ? and type = 'AllowanceGranted' and payload->>'period' = ?`,
        [`credits-${user.id}`, period],
      );
      expect(grants[0].n).toBe(1);
    }
    expect(await balance(users[0].id)).toMatchObject({ allowance: 3, purchased: 10, period });
    expect(await balance(users[1].id)).toMatchObject({ allowance: 3, reserved: 2, period });
    const again = await service.run({ at });
    expect(again).toMatchObject({ accountsDue: 0, accountsReset: 0, creditsGranted: 0 });

    const runs = await t.sql<{ status: string; dry_run: boolean; accounts_reset: number; credits_granted: string; finished_at: Date | null }>(
      `select status, dry_run, accounts_reset, credits_granted, finished_at from credit_reset_runs where period = ? order by started_at`,
      [period],
    );
    expect(runs).toHaveLength(4);
    expect(runs.every((r) => r.status === 'finished' && r.finished_at)).toBe(true);
    expect(runs.filter((r) => !r.dry_run).reduce((sum, r) => sum + Number(r.credits_granted), 0)).toBe(a.creditsGranted + b.creditsGranted);

    // The CLI runs the same service (for the current period, where nothing is due now).
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await creditsResetMonthlyCli.run({ app: t.app, args: ['--dry-run'] })).toBe(0);
      expect(log.mock.calls[0][0]).toMatch(/\[dry run\] Period \d{4}-\d{2}: 0 account\(s\) due/);
    } finally {
      log.mockRestore();
    }
  });

  it('an upgrade grants the difference at once; a downgrade waits for the next reset', async () => {
    const user = await registerUser(t);
    const up = await commands.execute(new ChangeTierCommand({ userId: user.id, tier: 'pro', changeId: randomUUID() }));
    expect(up).toEqual({ changed: true, effective: 'now', grantedNow: 27 });
    expect(await balance(user.id)).toMatchObject({ tier: 'pro', allowance: 30 });

    const down = await commands.execute(new ChangeTierCommand({ userId: user.id, tier: 'free', changeId: randomUUID() }));
    expect(down).toEqual({ changed: true, effective: 'next-period', grantedNow: 0 });
    expect(await balance(user.id)).toMatchObject({ tier: 'free', allowance: 30 });

    await commands.execute(new ResetMonthlyAllowanceCommand({ userId: user.id, at: nextMonth() }));
    expect(await balance(user.id)).toMatchObject({ tier: 'free', allowance: 3 });
  });

  it('refunds purchased credits up to what is unspent and says how much it could not take back', async () => {
    const user = await registerUser(t);
    await grant(user.id, 5);
    await commands.execute(new ReserveCreditsCommand({ userId: user.id, jobId: 'job-r', attempt: 1, amount: 6 }));
    const refundId = randomUUID();
    const refund = await commands.execute(new RefundCreditsCommand({ userId: user.id, credits: 4, reason: 'chargeback', refundId }));
    expect(refund).toMatchObject({ requested: 4, refunded: 2, shortfall: 2 });
    expect(await balance(user.id)).toMatchObject({ allowance: 0, purchased: 0, reserved: 6 });
    expect(await commands.execute(new RefundCreditsCommand({ userId: user.id, credits: 4, reason: 'chargeback', refundId }))).toEqual(refund);
  });

  it('keeps events and projection in step after a random sequence of concurrent commands, and the rebuild reproduces it', async () => {
    let seed = 20261125;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const users: string[] = [];
    for (let i = 0; i < 4; i++) users.push((await registerUser(t)).id);
    const open = new Map<string, { userId: string; jobId: string }>();
    const months = new Map(users.map((u) => [u, 0]));
    let jobs = 0;

    const step = async (): Promise<unknown> => {
      const userId = pick(users);
      const roll = random();
      if (roll < 0.35) {
        const jobId = `rnd-${++jobs}`;
        open.set(jobId, { userId, jobId });
        return commands.execute(new ReserveCreditsCommand({ userId, jobId, attempt: 1, amount: 1 + Math.floor(random() * 4) }));
      }
      if (roll < 0.5 || roll < 0.62) {
        const mine = [...open.values()].filter((r) => r.userId === userId);
        if (!mine.length) return grant(userId, 1 + Math.floor(random() * 6));
        const job = pick(mine);
        open.delete(job.jobId);
        return roll < 0.5
          ? commands.execute(new CaptureReservationCommand({ userId, jobId: job.jobId, attempt: 1 }))
          : commands.execute(new ReleaseReservationCommand({ userId, jobId: job.jobId, attempt: 1, reason: 'random' }));
      }
      if (roll < 0.77) return grant(userId, 1 + Math.floor(random() * 6));
      if (roll < 0.85) return commands.execute(new RefundCreditsCommand({ userId, credits: 1 + Math.floor(random() * 5), reason: 'random', refundId: randomUUID() }));
      if (roll < 0.93) return commands.execute(new ChangeTierCommand({ userId, tier: pick(['free', 'pro', 'enterprise'] as const), changeId: randomUUID() }));
      // Move this account into a later month (its reset), sometimes twice in a row.
      const month = months.get(userId)! + 1;
      months.set(userId, month);
      let period = periodOf(new Date());
      for (let i = 0; i < month; i++) period = nextPeriod(period);
      return commands.execute(new ResetMonthlyAllowanceCommand({ userId, at: periodStart(period) }));
    };

    let failures = 0;
    for (let batch = 0; batch < 30; batch++) {
      const results = await Promise.allSettled(Array.from({ length: 10 }, step));
      for (const r of results) {
        if (r.status === 'rejected') {
          // Refusals the domain expects (not enough credits, a reservation already ended); never a 500.
          expect(r.reason).toBeInstanceOf(DomainError);
          expect((r.reason as DomainError).status).toBeLessThan(500);
          failures++;
        }
      }
    }
    expect(failures).toBeLessThan(300);

    const sums = await t.sql<{ stream_id: string; allowance: number; purchased: number; reserved: number; version: number }>(BUCKET_SUMS);
    const projection = await t.sql<Record<string, unknown>>(PROJECTION);
    expect(projection.map(({ stream_id, allowance, purchased, reserved, version }) => ({ stream_id, allowance, purchased, reserved, version }))).toEqual(
      sums,
    );
    const [lowest] = await t.sql<{ allowance: number; purchased: number; reserved: number }>(LOWEST_RUNNING);
    expect(lowest.allowance).toBeGreaterThanOrEqual(0);
    expect(lowest.purchased).toBeGreaterThanOrEqual(0);
    expect(lowest.reserved).toBeGreaterThanOrEqual(0);

    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await creditsRebuildCli.run({ app: t.app, args: [] })).toBeUndefined();
      expect(log.mock.calls[0][0]).toMatch(/0 row\(s\) corrected/);
      expect(await t.sql(PROJECTION)).toEqual(projection);

      // A damaged projection row is put right by the rebuild.
      await t.sql(`update credit_balances set allowance = allowance + 7, reserved = 0 where user_id = ?`, [users[0]]);
      await creditsRebuildCli.run({ app: t.app, args: [] });
      expect(log.mock.calls[1][0]).toMatch(/1 row\(s\) corrected/);
      expect(await t.sql(PROJECTION)).toEqual(projection);
    } finally {
      log.mockRestore();
    }
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on the ledger', async () => {
    const user = await registerUser(t);
    const stream = `credits-${user.id}`;
    await expect(t.sql(`update credit_events set payload = '{"amount": 1000}' where stream_id = ?`, [stream])).rejects.toThrow(/append-only/);
    await expect(t.sql(`delete from credit_events where stream_id = ?`, [stream])).rejects.toThrow(/append-only/);
    await expect(t.sql(`truncate credit_events`)).rejects.toThrow(/append-only/);
    expect(await eventCount(user.id)).toBe(1);
    expect(await t.sql(`select payload->>'amount' as amount from credit_events where stream_id = ?`, [stream])).toEqual([{ amount: '3' }]);
  });

  it('pages the ledger newest first and answers bad input with problems', async () => {
    const user = await registerUser(t);
    for (let i = 0; i < 4; i++) await grant(user.id, i + 1);
    const first = await t.http.get('/api/v1/credits/ledger?limit=3', { token: user.accessToken });
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { version: number }) => e.version)).toEqual([5, 4, 3]);
    expect(first.body.items[0]).toMatchObject({ type: 'CreditsGranted', amounts: { allowance: 0, purchased: 4, reserved: 0 }, reason: 'test top-up' });
    const second = await t.http.get(`/api/v1/credits/ledger?limit=3&cursor=${first.body.nextCursor}`, { token: user.accessToken });
    expect(second.body.items.map((e: { version: number }) => e.version)).toEqual([2, 1]);
    expect(second.body.nextCursor).toBeNull();

    for (const query of ['limit=0', 'limit=abc', 'cursor=not-a-cursor', 'unknown=1']) {
      const res = await t.http.get(`/api/v1/credits/ledger?${query}`, { token: user.accessToken });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
    }
    const anonymous = await t.http.get('/api/v1/credits/balance');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain(PROBLEM);
  });
});
