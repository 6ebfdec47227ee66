import { Migration } from '@mikro-orm/migrations';

/** Accounts, sessions, one-time tokens, the mail outbox and the append-only audit log. */
export class Migration20261125000100_identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table users (
        id uuid primary key,
        email text not null check (email = lower(email) and length(email) <= 254),
        password_hash text,
        first_name text not null,
        last_name text not null,
        tier text not null default 'free' check (tier in ('free', 'pro', 'enterprise')),
        role text not null default 'user' check (role in ('user', 'admin')),
        status text not null default 'active' check (status in ('active', 'suspended')),
        suspended_reason text,
        google_subject text,
        mail_notifications boolean not null default true,
        last_login_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        deleted_at timestamptz
      )`);
    this.addSql(`create unique index users_email_live_uq on users (email) where deleted_at is null`);
    this.addSql(`create unique index users_google_subject_uq on users (google_subject) where google_subject is not null and deleted_at is null`);
    this.addSql(`create index users_created_at_idx on users (created_at, id)`);

    this.addSql(`
      create table sessions (
        id uuid primary key,
        user_id uuid not null references users (id),
        user_agent text,
        ip text,
        created_at timestamptz not null default now(),
        last_used_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    this.addSql(`create index sessions_user_id_created_at_index on sessions (user_id, created_at)`);

    this.addSql(`
      create table refresh_tokens (
        id uuid primary key,
        session_id uuid not null references sessions (id),
        token_hash text not null unique,
        created_at timestamptz not null default now(),
        rotated_at timestamptz
      )`);
    this.addSql(`create index refresh_tokens_session_id_index on refresh_tokens (session_id)`);

    this.addSql(`
      create table one_time_tokens (
        id uuid primary key,
        user_id uuid not null references users (id),
        purpose text not null check (purpose in ('password_reset', 'google_login')),
        token_hash text not null unique,
        expires_at timestamptz not null,
        used_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index one_time_tokens_user_id_purpose_index on one_time_tokens (user_id, purpose)`);

    this.addSql(`
      create table outbox (
        id uuid primary key,
        topic text not null,
        payload jsonb not null,
        status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
        attempts integer not null default 0,
        next_attempt_at timestamptz not null default now(),
        last_error text,
        created_at timestamptz not null default now(),
        delivered_at timestamptz
      )`);
    this.addSql(`create index outbox_due_idx on outbox (status, next_attempt_at) where status = 'pending'`);

    this.addSql(`
      create table audit_logs (
        id uuid primary key,
        actor_id uuid,
        action text not null,
        target_type text not null,
        target_id text,
        before jsonb,
        after jsonb,
        reason text,
        context jsonb,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index audit_logs_actor_idx on audit_logs (actor_id, created_at)`);
    this.addSql(`create index audit_logs_target_idx on audit_logs (target_type, target_id, created_at)`);
    this.addSql(`create index audit_logs_action_idx on audit_logs (action, created_at)`);
    // The audit trail is evidence: nothing, not even the application, may rewrite it.
    this.addSql(`
      create function audit_logs_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_logs is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`
      create trigger audit_logs_append_only before update or delete on audit_logs
      for each statement execute function audit_logs_append_only()`);
    this.addSql(`
      create trigger audit_logs_no_truncate before truncate on audit_logs
      for each statement execute function audit_logs_append_only()`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table audit_logs`);
    this.addSql(`drop function audit_logs_append_only`);
    this.addSql(`drop table outbox`);
    this.addSql(`drop table one_time_tokens`);
    this.addSql(`drop table refresh_tokens`);
    this.addSql(`drop table sessions`);
    this.addSql(`drop table users`);
  }
}
