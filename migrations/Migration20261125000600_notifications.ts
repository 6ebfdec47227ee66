import { Migration } from '@mikro-orm/migrations';

/** In-app notifications, unread first. */
export class Migration20261125000600_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table notifications (
        id uuid primary key,
        user_id uuid not null references users (id),
        type text not null,
        title text not null,
        body text not null,
        data jsonb not null default '{}',
        dedupe_key text,
        read_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index notifications_user_list_idx on notifications (user_id, (read_at is null) desc, created_at desc, id desc)`);
    this.addSql(`create unique index notifications_dedupe_uq on notifications (user_id, dedupe_key) where dedupe_key is not null`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table notifications');
  }
}
