import { Migration } from '@mikro-orm/migrations';

/** Connected YouTube channels (tokens sealed with AES-256-GCM) and uploads of finished films. */
export class Migration20261129000800_youtube extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table youtube_channels (
        id uuid primary key,
        user_id uuid not null references users (id),
        channel_id text not null,
        title text not null,
        thumbnail_url text,
        access_token text not null,
        refresh_token text not null,
        token_expires_at timestamptz,
        scopes text not null,
        status text not null default 'connected' check (status in ('connected', 'needs_reconnect')),
        status_reason text,
        connected_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint youtube_channels_user_channel_uq unique (user_id, channel_id)
      )`);
    this.addSql(`
      create table youtube_uploads (
        id uuid primary key,
        user_id uuid not null references users (id),
        project_id uuid not null references projects (id),
        job_id uuid not null references jobs (id),
        channel_id uuid references youtube_channels (id) on delete set null,
        channel_title text not null,
        status text not null default 'queued'
          check (status in ('queued', 'uploading', 'processing', 'waiting_quota', 'completed', 'failed', 'cancelled')),
        metadata jsonb not null,
        total_bytes bigint not null,
        bytes_sent bigint not null default 0,
        progress smallint not null default 0,
        session_url text,
        video_id text,
        privacy_status text,
        thumbnail_set boolean not null default false,
        caption_id text,
        playlist_item_id text,
        warnings jsonb not null default '[]',
        error text,
        error_reason text,
        attempt integer not null default 1,
        idempotency_key text,
        cancel_requested_at timestamptz,
        lease_owner text,
        lease_until timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`create index youtube_uploads_user_list_idx on youtube_uploads (user_id, created_at desc, id desc)`);
    // Disconnecting a channel updates its uploads (and the FK sets them null); start-up recovery scans the moving ones.
    this.addSql(`create index youtube_uploads_channel_idx on youtube_uploads (channel_id)`);
    this.addSql(`create index youtube_uploads_moving_idx on youtube_uploads (status) where status in ('queued', 'uploading', 'processing', 'waiting_quota')`);
    this.addSql(`create unique index youtube_uploads_idempotency_uq on youtube_uploads (user_id, idempotency_key) where idempotency_key is not null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table youtube_uploads');
    this.addSql('drop table youtube_channels');
  }
}
