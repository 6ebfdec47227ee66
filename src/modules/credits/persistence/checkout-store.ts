import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';

/** A Checkout Session we created: what it sells, so the webhook credits what was bought. */
export interface CheckoutRow {
  sessionId: string;
  userId: string;
  packId: string;
  credits: number;
  unitAmount: number;
  currency: string;
  url: string | null;
  idempotencyKey: string | null;
}

interface Raw {
  session_id: string;
  user_id: string;
  pack_id: string;
  credits: number;
  unit_amount: number;
  currency: string;
  url: string | null;
  idempotency_key: string | null;
}

const toRow = (r: Raw): CheckoutRow => ({
  sessionId: r.session_id,
  userId: r.user_id,
  packId: r.pack_id,
  credits: r.credits,
  unitAmount: r.unit_amount,
  currency: r.currency,
  url: r.url,
  idempotencyKey: r.idempotency_key,
});

@Injectable()
export class CheckoutStore {
  async byKey(em: EntityManager, userId: string, idempotencyKey: string): Promise<CheckoutRow | null> {
    const [row]: Raw[] = await em.execute(`select * from credit_checkouts where user_id = ? and idempotency_key = ?`, [userId, idempotencyKey]);
    return row ? toRow(row) : null;
  }

  async bySession(em: EntityManager, sessionId: string): Promise<CheckoutRow | null> {
    const [row]: Raw[] = await em.execute(`select * from credit_checkouts where session_id = ?`, [sessionId]);
    return row ? toRow(row) : null;
  }

  /** Records the session; a concurrent twin with the same key keeps the first row, which is returned. */
  async save(em: EntityManager, row: CheckoutRow): Promise<CheckoutRow> {
    await em.execute(
      `insert into credit_checkouts (session_id, user_id, pack_id, credits, unit_amount, currency, url, idempotency_key)
       values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [row.sessionId, row.userId, row.packId, row.credits, row.unitAmount, row.currency, row.url, row.idempotencyKey],
    );
    if (row.idempotencyKey) return (await this.byKey(em, row.userId, row.idempotencyKey)) ?? row;
    return row;
  }
}
