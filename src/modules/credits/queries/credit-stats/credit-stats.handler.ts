import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { CreditStats, CreditStatsQuery } from './credit-stats.query';

/** Straight from the ledger: every figure is a sum of events, so it always agrees with it. */
@QueryHandler(CreditStatsQuery)
export class CreditStatsHandler implements IQueryHandler<CreditStatsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ range }: CreditStatsQuery): Promise<CreditStats> {
    const em = this.em.fork();
    const params = [range.from, range.to];
    const [[sums], [reserved], revenue] = await Promise.all([
      em.execute<Record<string, string>[]>(
        `select
           coalesce(sum((payload->>'amount')::bigint) filter (where type = 'AllowanceGranted'), 0) as allowance,
           coalesce(sum((payload->>'amount')::bigint) filter (where type = 'CreditsGranted'), 0) as admin,
           coalesce(sum((payload->>'credits')::bigint) filter (where type = 'CreditsPurchased'), 0) as purchased,
           coalesce(sum((payload->>'amount')::bigint) filter (where type = 'ReservationCaptured'), 0) as spent,
           coalesce(sum((payload->>'refunded')::bigint) filter (where type = 'CreditsRefunded'), 0) as refunded
         from credit_events where occurred_at >= ? and occurred_at < ?`,
        params,
      ),
      em.execute<Record<string, string>[]>(`select coalesce(sum(reserved), 0) as reserved from credit_balances`),
      em.execute<{ currency: string; amount: string }[]>(
        `select payload->>'currency' as currency, sum((payload->>'amountPaid')::bigint) as amount
           from credit_events where type = 'CreditsPurchased' and occurred_at >= ? and occurred_at < ?
          group by 1 order by 1`,
        params,
      ),
    ]);
    return {
      granted: { allowance: Number(sums.allowance), admin: Number(sums.admin) },
      purchased: Number(sums.purchased),
      spent: Number(sums.spent),
      refunded: Number(sums.refunded),
      reservedNow: Number(reserved.reserved),
      revenue: revenue.map((r) => ({ currency: r.currency, amount: Number(r.amount) })),
    };
  }
}
