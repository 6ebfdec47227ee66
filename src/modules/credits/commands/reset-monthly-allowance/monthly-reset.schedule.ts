import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import { MonthlyResetService } from './monthly-reset.service';

/**
 * Every 10 minutes, resets the accounts whose period has ended: on the 1st of a month (UTC) that
 * is every account, otherwise none, and the query that finds them uses an index. Every replica
 * may run it; the per-account idempotency keys keep it to one grant per account and period.
 */
@Injectable()
export class MonthlyResetSchedule {
  private readonly logger = new Logger('CreditsReset');
  private running?: Promise<unknown>;

  constructor(
    private readonly reset: MonthlyResetService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron('0 */10 * * * *', { name: 'credits-monthly-reset', timeZone: 'UTC' })
  async tick(): Promise<void> {
    if (!this.config.CREDITS_RESET_SCHEDULE_ENABLED || this.running) return;
    this.running = this.reset
      .dueCount()
      .then((due) => (due > 0 ? this.reset.run({ trigger: 'schedule' }) : null))
      .catch((error) => this.logger.error({ err: (error as Error).message }, 'scheduled monthly reset failed'))
      .finally(() => (this.running = undefined));
    await this.running;
  }
}
