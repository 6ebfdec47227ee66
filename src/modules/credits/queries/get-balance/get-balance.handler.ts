import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { CreditErrors } from '../../errors';
import { BalanceView } from '../../http/views';
import { BalanceProjection } from '../../persistence/balance-projection';
import { GetBalanceQuery } from './get-balance.query';

@QueryHandler(GetBalanceQuery)
export class GetBalanceHandler implements IQueryHandler<GetBalanceQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly projection: BalanceProjection,
  ) {}

  async execute({ userId }: GetBalanceQuery): Promise<BalanceView> {
    // `em.execute` reads in the caller's transaction when there is one, so a caller sees its own write.
    const row = await this.projection.find(this.em, userId);
    if (!row) throw CreditErrors.accountNotFound();
    return {
      tier: row.tier,
      allowance: row.allowance,
      purchased: row.purchased,
      reserved: row.reserved,
      available: row.available,
      period: row.period,
      periodEnd: row.periodEnd.toISOString(),
      version: row.version,
    };
  }
}
