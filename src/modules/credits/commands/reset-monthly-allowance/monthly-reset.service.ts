import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import { CreditPolicy } from '../../domain/credit-account';
import { periodOf } from '../../domain/period';
import { CREDIT_POLICY } from '../../credits.policy';
import { ResetRunStore, ResetRunTotals, ResetTrigger } from '../../persistence/reset-run-store';
import { ResetMonthlyAllowanceCommand } from './reset-monthly-allowance.command';

export interface ResetRunSummary extends ResetRunTotals {
  runId: string;
  period: string;
  dryRun: boolean;
}

/**
 * Dispatches ResetMonthlyAllowance for every account whose period ended before `at`, in batches
 * (keyset over the projection's period_end index), each account in its own transaction. Safe to
 * run twice or on several replicas at once: each account's reset is idempotent per period, and a
 * run counts only what it applied itself. A dry run counts what would happen and changes nothing
 * but its own run record.
 */
@Injectable()
export class MonthlyResetService {
  private readonly logger = new Logger('CreditsReset');

  constructor(
    private readonly orm: MikroORM,
    private readonly commands: CommandBus,
    private readonly runs: ResetRunStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CREDIT_POLICY) private readonly policy: CreditPolicy,
  ) {}

  /** How many accounts' periods ended before `at` (the schedule records a run only when some did). */
  async dueCount(at: Date = new Date()): Promise<number> {
    const [{ n }]: { n: number }[] = await this.orm.em.fork().execute(
      `select count(*)::int as n from credit_balances where period_end <= ?`,
      [at],
    );
    return n;
  }

  async run(options: { at?: Date; dryRun?: boolean; batchSize?: number; trigger?: ResetTrigger } = {}): Promise<ResetRunSummary> {
    const at = options.at ?? new Date();
    const period = periodOf(at);
    const dryRun = options.dryRun ?? false;
    const batchSize = options.batchSize ?? this.config.CREDITS_RESET_BATCH_SIZE;
    const em = this.orm.em.fork();
    const runId = await this.runs.start(em, period, dryRun, options.trigger ?? 'manual');
    const totals: ResetRunTotals = { accountsDue: 0, accountsReset: 0, accountsFailed: 0, creditsExpired: 0, creditsGranted: 0 };
    let error: string | undefined;
    try {
      let after: { periodEnd: Date; userId: string } | null = null;
      for (;;) {
        const rows: { user_id: string; period_end: Date; tier: keyof CreditPolicy['allowance']; allowance: number }[] = await em.execute(
          `select user_id, period_end, tier, allowance from credit_balances
            where period_end <= ? ${after ? 'and (period_end, user_id) > (?, ?)' : ''}
            order by period_end, user_id limit ?`,
          after ? [at, after.periodEnd, after.userId, batchSize] : [at, batchSize],
        );
        if (!rows.length) break;
        after = { periodEnd: rows[rows.length - 1].period_end, userId: rows[rows.length - 1].user_id };
        totals.accountsDue += rows.length;
        for (const row of rows) {
          if (dryRun) {
            totals.accountsReset++;
            totals.creditsExpired += row.allowance;
            totals.creditsGranted += this.policy.allowance[row.tier];
            continue;
          }
          try {
            const result = await this.commands.execute(
              new ResetMonthlyAllowanceCommand({ userId: row.user_id, at, meta: { actorId: null, correlationId: runId } }),
            );
            if (result.applied) {
              totals.accountsReset++;
              totals.creditsExpired += result.expired;
              totals.creditsGranted += result.granted;
            }
          } catch (failure) {
            totals.accountsFailed++;
            this.logger.error({ userId: row.user_id, err: (failure as Error).message, runId }, 'monthly reset of an account failed');
          }
        }
        await this.runs.progress(em, runId, totals);
        if (rows.length < batchSize) break;
      }
    } catch (failure) {
      error = (failure as Error).message;
      throw failure;
    } finally {
      await this.runs.finish(em, runId, totals, error);
      this.logger.log({ runId, period, dryRun, ...totals }, 'monthly reset run finished');
    }
    return { runId, period, dryRun, ...totals };
  }
}
