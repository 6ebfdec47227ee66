import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ResetRunView } from '../http/views';

export type ResetTrigger = 'schedule' | 'cli' | 'manual';

export interface ResetRunTotals {
  accountsDue: number;
  accountsReset: number;
  accountsFailed: number;
  creditsExpired: number;
  creditsGranted: number;
}

/** `credit_reset_runs`: one row per run of the monthly reset, for the admin view. */
@Injectable()
export class ResetRunStore {
  async start(em: EntityManager, period: string, dryRun: boolean, trigger: ResetTrigger): Promise<string> {
    const id = randomUUID();
    await em.execute(
      `insert into credit_reset_runs (id, period, dry_run, trigger, status, started_at) values (?, ?, ?, ?, 'running', now())`,
      [id, period, dryRun, trigger],
    );
    return id;
  }

  async progress(em: EntityManager, id: string, totals: ResetRunTotals): Promise<void> {
    await em.execute(
      `update credit_reset_runs set accounts_due = ?, accounts_reset = ?, accounts_failed = ?, credits_expired = ?,
         credits_granted = ? where id = ?`,
      [totals.accountsDue, totals.accountsReset, totals.accountsFailed, totals.creditsExpired, totals.creditsGranted, id],
    );
  }

  async finish(em: EntityManager, id: string, totals: ResetRunTotals, error?: string): Promise<void> {
    await this.progress(em, id, totals);
    await em.execute(`update credit_reset_runs set status = ?, finished_at = now(), error = ? where id = ?`, [
      error ? 'failed' : 'finished',
      error ?? null,
      id,
    ]);
  }

  async list(em: EntityManager, limit: number, before?: { startedAt: string; id: string }): Promise<ResetRunView[]> {
    const rows: Record<string, any>[] = before
      ? await em.execute(
          `select * from credit_reset_runs where (started_at, id) < (?, ?) order by started_at desc, id desc limit ?`,
          [before.startedAt, before.id, limit],
        )
      : await em.execute(`select * from credit_reset_runs order by started_at desc, id desc limit ?`, [limit]);
    return rows.map((r) => ({
      id: r.id,
      period: r.period,
      dryRun: r.dry_run,
      trigger: r.trigger,
      status: r.status,
      startedAt: new Date(r.started_at).toISOString(),
      finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
      accountsDue: r.accounts_due,
      accountsReset: r.accounts_reset,
      accountsFailed: r.accounts_failed,
      creditsExpired: Number(r.credits_expired),
      creditsGranted: Number(r.credits_granted),
      error: r.error,
    }));
  }
}
