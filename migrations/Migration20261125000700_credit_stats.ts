import { Migration } from '@mikro-orm/migrations';

/** Date-range sums over the ledger for the admin dashboard. */
export class Migration20261125000700_credit_stats extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index credit_events_type_occurred_idx on credit_events (type, occurred_at)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index credit_events_type_occurred_idx`);
  }
}
