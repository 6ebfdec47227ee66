import { Migration } from '@mikro-orm/migrations';

/**
 * Admin console: trigram indexes so `GET /admin/users?q=` (a substring of the email or of
 * "first last", case-insensitive) stays an index scan at 100,000+ accounts, and an index for the
 * failed-jobs list. The expressions match the ones SearchUsersHandler filters on. `fastupdate = off`:
 * sign-ups are rare, and a long GIN pending list makes the planner fall back to scanning users
 * until autovacuum flushes it.
 */
export class Migration20261125000500_admin extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm`);
    this.addSql(`create index users_email_trgm_idx on users using gin (lower(email) gin_trgm_ops) with (fastupdate = off) where deleted_at is null`);
    this.addSql(
      `create index users_name_trgm_idx on users using gin (lower(first_name || ' ' || last_name) gin_trgm_ops) with (fastupdate = off) where deleted_at is null`,
    );
    this.addSql(`create index users_created_live_idx on users (created_at desc, id desc) where deleted_at is null`);
    this.addSql(`create index jobs_failed_idx on jobs (updated_at desc, id desc) where status = 'failed'`);
    this.addSql(`create index projects_moderation_queue_idx on projects (moderation_state, updated_at, id) where deleted_at is null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists projects_moderation_queue_idx');
    this.addSql('drop index if exists jobs_failed_idx');
    this.addSql('drop index if exists users_created_live_idx');
    this.addSql('drop index if exists users_name_trgm_idx');
    this.addSql('drop index if exists users_email_trgm_idx');
  }
}
