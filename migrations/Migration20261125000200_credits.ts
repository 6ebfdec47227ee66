import { Migration } from '@mikro-orm/migrations';

/**
 * The credits ledger: the append-only event table, the balance projection, aggregate snapshots,
 * Stripe checkout sessions and the record of monthly reset runs.
 */
export class Migration20261125000200_credits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table credit_events (
        id uuid primary key,
        stream_id text not null check (stream_id like 'credits-%'),
        version integer not null check (version >= 1),
        type text not null check (type in (
          'AllowanceGranted', 'AllowanceExpired', 'CreditsPurchased', 'CreditsGranted', 'CreditsReserved',
          'ReservationCaptured', 'ReservationReleased', 'CreditsRefunded', 'TierChanged')),
        payload jsonb not null,
        metadata jsonb not null default '{}',
        idempotency_key text not null,
        occurred_at timestamptz not null default now(),
        constraint credit_events_stream_version_uq unique (stream_id, version),
        constraint credit_events_idempotency_key_uq unique (idempotency_key)
      )`);
    // One Checkout Session credits once, whichever Stripe event (completed, async succeeded) brings it.
    this.addSql(`
      create unique index credit_events_checkout_session_uq on credit_events ((payload ->> 'checkoutSessionId'))
      where type = 'CreditsPurchased'`);
    this.addSql(`
      create index credit_events_payment_intent_idx on credit_events ((payload ->> 'paymentIntentId'))
      where type = 'CreditsPurchased'`);
    // The ledger is the money: nothing, not even the application, may rewrite or remove it.
    this.addSql(`
      create function credit_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'credit_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`
      create trigger credit_events_append_only before update or delete on credit_events
      for each statement execute function credit_events_append_only()`);
    this.addSql(`
      create trigger credit_events_no_truncate before truncate on credit_events
      for each statement execute function credit_events_append_only()`);

    // The balance projection, written in the same transaction as the append. No bucket below zero.
    this.addSql(`
      create table credit_balances (
        user_id uuid primary key,
        stream_id text not null unique,
        version integer not null check (version >= 1),
        tier text not null check (tier in ('free', 'pro', 'enterprise')),
        period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        period_end timestamptz not null,
        allowance integer not null check (allowance >= 0),
        purchased integer not null check (purchased >= 0),
        reserved integer not null check (reserved >= 0),
        available integer generated always as (allowance + purchased) stored,
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`create index credit_balances_period_end_idx on credit_balances (period_end, user_id)`);

    // A cache of the folded aggregate, so commands on a long stream read only its tail.
    this.addSql(`
      create table credit_snapshots (
        stream_id text primary key,
        version integer not null,
        schema_version integer not null,
        state jsonb not null,
        created_at timestamptz not null default now()
      )`);

    this.addSql(`
      create table credit_checkouts (
        session_id text primary key,
        user_id uuid not null,
        pack_id text not null,
        credits integer not null check (credits >= 1),
        unit_amount integer not null,
        currency text not null,
        url text,
        idempotency_key text,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create unique index credit_checkouts_user_key_uq on credit_checkouts (user_id, idempotency_key) where idempotency_key is not null`);

    this.addSql(`
      create table credit_reset_runs (
        id uuid primary key,
        period text not null,
        dry_run boolean not null,
        trigger text not null check (trigger in ('schedule', 'cli', 'manual')),
        status text not null check (status in ('running', 'finished', 'failed')),
        started_at timestamptz not null default now(),
        finished_at timestamptz,
        accounts_due integer not null default 0,
        accounts_reset integer not null default 0,
        accounts_failed integer not null default 0,
        credits_expired bigint not null default 0,
        credits_granted bigint not null default 0,
        error text
      )`);
    this.addSql(`create index credit_reset_runs_started_idx on credit_reset_runs (started_at desc, id)`);

    // Accounts that exist before this migration get their first allowance now, as registration
    // will from here on (same idempotency key, so a reset in this month cannot grant twice).
    this.addSql(`
      with opened as (
        insert into credit_events (id, stream_id, version, type, payload, metadata, idempotency_key, occurred_at)
        select gen_random_uuid(), 'credits-' || u.id, 1, 'AllowanceGranted',
               jsonb_build_object('period', to_char(now() at time zone 'utc', 'YYYY-MM'), 'tier', u.tier,
                 'amount', case u.tier when 'pro' then 30 when 'enterprise' then 999999 else 3 end,
                 'reason', 'registration'),
               jsonb_build_object('actorId', null, 'source', 'migration'),
               'reset:' || u.id || ':' || to_char(now() at time zone 'utc', 'YYYY-MM') || ':grant', now()
          from users u where u.deleted_at is null
        returning stream_id, payload
      )
      insert into credit_balances (user_id, stream_id, version, tier, period, period_end, allowance, purchased, reserved)
      select substring(stream_id from 9)::uuid, stream_id, 1, payload ->> 'tier', payload ->> 'period',
             (date_trunc('month', now() at time zone 'utc') + interval '1 month') at time zone 'utc',
             (payload ->> 'amount')::int, 0, 0
        from opened`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table credit_reset_runs`);
    this.addSql(`drop table credit_checkouts`);
    this.addSql(`drop table credit_snapshots`);
    this.addSql(`drop table credit_balances`);
    this.addSql(`drop table credit_events`);
    this.addSql(`drop function credit_events_append_only`);
  }
}
