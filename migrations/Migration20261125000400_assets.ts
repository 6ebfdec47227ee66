import { Migration } from '@mikro-orm/migrations';

/**
 * Files produced by jobs. No foreign keys to projects or jobs: those tables belong to other
 * modules, which reach assets only through commands and queries.
 */
export class Migration20261125000400_assets extends Migration {
  override async up(): Promise<void> {
    // The kinds mirror ASSET_KINDS in libs/contracts; a new kind needs a migration, on purpose,
    // so a runner newer than the API cannot register files the API does not know how to serve.
    this.addSql(`
      create table assets (
        id uuid primary key,
        project_id uuid not null,
        job_id uuid not null,
        user_id uuid not null,
        kind text not null check (kind in ('film', 'subtitles_srt', 'subtitles_vtt', 'thumbnail', 'scenes')),
        storage_key text not null check (length(storage_key) between 1 and 1024),
        size bigint not null check (size >= 0),
        content_type text not null,
        checksum text not null check (checksum ~ '^[0-9a-f]{64}$'),
        duration_seconds double precision check (duration_seconds >= 0),
        width integer check (width > 0),
        height integer check (height > 0),
        created_at timestamptz not null default now(),
        -- One file per kind per job: a duplicate result message registers nothing twice.
        constraint assets_job_kind_uq unique (job_id, kind)
      )`);
    // Listing a project's assets, newest first, keyset-paginated.
    this.addSql(
      `create index assets_project_created_idx on assets (project_id, created_at desc, id desc)`,
    );
    this.addSql(`create index assets_user_created_idx on assets (user_id, created_at desc)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists assets`);
  }
}
