import { Migration } from '@mikro-orm/migrations';

/** Projects with their script versions, and generation jobs. */
export class Migration20261125000300_projects_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table projects (
        id uuid primary key,
        user_id uuid not null references users (id),
        title text not null,
        script text not null,
        options jsonb not null,
        current_version integer not null default 1,
        status text not null default 'draft' check (status in ('draft', 'queued', 'processing', 'completed', 'failed')),
        latest_job_id uuid,
        moderation_state text not null default 'none' check (moderation_state in ('none', 'pending', 'approved', 'rejected')),
        moderation_reason text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        deleted_at timestamptz
      )`);
    this.addSql(`create index projects_user_created_idx on projects (user_id, created_at desc, id desc) where deleted_at is null`);
    this.addSql(`create index projects_moderation_idx on projects (moderation_state) where moderation_state = 'pending'`);

    this.addSql(`
      create table project_versions (
        id uuid primary key,
        project_id uuid not null references projects (id),
        version integer not null,
        title text not null,
        script text not null,
        options jsonb not null,
        created_at timestamptz not null default now(),
        unique (project_id, version)
      )`);

    this.addSql(`
      create table jobs (
        id uuid primary key,
        project_id uuid not null references projects (id),
        user_id uuid not null references users (id),
        type text not null check (type in ('script_analysis', 'image_generation', 'voice_synthesis',
          'subtitle_generation', 'video_composition', 'thumbnail_generation', 'full_generation')),
        status text not null default 'queued' check (status in ('queued', 'processing', 'completed', 'failed', 'cancelled')),
        priority smallint not null check (priority between 1 and 3),
        parameters jsonb not null default '{}',
        project_version integer not null,
        project_status_before text not null,
        base_job_id uuid references jobs (id),
        cost integer not null check (cost >= 0),
        attempt integer not null default 1,
        tries integer not null default 0,
        progress smallint not null default 0 check (progress between 0 and 100),
        current_step text,
        error text,
        failed_step text,
        idempotency_key text,
        enqueued_at timestamptz,
        cancel_requested_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`create unique index jobs_user_idempotency_uq on jobs (user_id, idempotency_key) where idempotency_key is not null`);
    this.addSql(`create index jobs_user_created_idx on jobs (user_id, created_at desc, id desc)`);
    this.addSql(`create index jobs_project_idx on jobs (project_id, type, status, project_version)`);
    this.addSql(`create index jobs_live_idx on jobs (status, user_id) where status in ('queued', 'processing')`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table jobs');
    this.addSql('drop table project_versions');
    this.addSql('drop table projects');
  }
}
