import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CreditAccountState, Tier } from '../domain/credit-account';
import { periodEnd } from '../domain/period';
import { streamIdOf } from './event-store';

/** A row of `credit_balances`, the read model of GET /credits/balance. */
export interface BalanceRow {
  userId: string;
  version: number;
  tier: Tier;
  period: string;
  periodEnd: Date;
  allowance: number;
  purchased: number;
  reserved: number;
  available: number;
}

interface Raw {
  user_id: string;
  version: number;
  tier: Tier;
  period: string;
  period_end: Date | string;
  allowance: number;
  purchased: number;
  reserved: number;
  available: number;
}

export const BALANCE_COLUMNS = 'user_id, version, tier, period, period_end, allowance, purchased, reserved, available';

export function toBalanceRow(raw: Raw): BalanceRow {
  return {
    userId: raw.user_id,
    version: raw.version,
    tier: raw.tier,
    period: raw.period,
    periodEnd: new Date(raw.period_end),
    allowance: raw.allowance,
    purchased: raw.purchased,
    reserved: raw.reserved,
    available: raw.available,
  };
}

/**
 * Writes the balance projection in the transaction of the append. The update applies only if
 * the row is at the version the events followed (`where version = ?`), so a projection can never
 * skip or repeat an event; a miss is a conflict that rolls the append back.
 */
@Injectable()
export class BalanceProjection {
  async apply(em: EntityManager, userId: string, fromVersion: number, toVersion: number, state: CreditAccountState): Promise<void> {
    if (!state.opened || state.period === null) return;
    const values = [toVersion, state.tier, state.period, periodEnd(state.period), state.allowance, state.purchased, state.reserved];
    if (fromVersion === 0) {
      await em.execute(
        `insert into credit_balances (user_id, stream_id, version, tier, period, period_end, allowance, purchased, reserved, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())`,
        [userId, streamIdOf(userId), ...values],
      );
      return;
    }
    const result = await em.execute(
      `update credit_balances set version = ?, tier = ?, period = ?, period_end = ?, allowance = ?, purchased = ?,
         reserved = ?, updated_at = now() where user_id = ? and version = ?`,
      [...values, userId, fromVersion],
      'run',
    );
    if (affected(result) !== 1) throw new ProjectionOutOfStep(userId, fromVersion);
  }

  /** Replaces the row outright (the rebuild). */
  async overwrite(em: EntityManager, userId: string, version: number, state: CreditAccountState): Promise<void> {
    if (!state.opened || state.period === null) {
      await em.execute(`delete from credit_balances where user_id = ?`, [userId]);
      return;
    }
    await em.execute(
      `insert into credit_balances (user_id, stream_id, version, tier, period, period_end, allowance, purchased, reserved, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, now())
       on conflict (user_id) do update set version = excluded.version, tier = excluded.tier, period = excluded.period,
         period_end = excluded.period_end, allowance = excluded.allowance, purchased = excluded.purchased,
         reserved = excluded.reserved, updated_at = excluded.updated_at`,
      [userId, streamIdOf(userId), version, state.tier, state.period, periodEnd(state.period), state.allowance, state.purchased, state.reserved],
    );
  }

  async find(em: EntityManager, userId: string): Promise<BalanceRow | null> {
    const [row]: Raw[] = await em.execute(`select ${BALANCE_COLUMNS} from credit_balances where user_id = ?`, [userId]);
    return row ? toBalanceRow(row) : null;
  }
}

export class ProjectionOutOfStep extends Error {
  constructor(readonly userId: string, readonly fromVersion: number) {
    super(`credit_balances of ${userId} is not at version ${fromVersion}`);
  }
}

function affected(result: unknown): number {
  const r = result as { affectedRows?: number; rowCount?: number } | number;
  if (typeof r === 'number') return r;
  return r?.affectedRows ?? r?.rowCount ?? 0;
}
