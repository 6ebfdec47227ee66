import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { UserStats, UserStatsQuery } from './user-stats.query';

@QueryHandler(UserStatsQuery)
export class UserStatsHandler implements IQueryHandler<UserStatsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ range }: UserStatsQuery): Promise<UserStats> {
    const conn = this.em.fork().getConnection();
    const groups: { tier: string; status: string; role: string; n: number }[] = await conn.execute(
      `select tier, status, role, count(*)::int as n from users where deleted_at is null group by tier, status, role`,
    );
    const [active]: { n: number }[] = await conn.execute(
      `select count(*)::int as n from users u
        where u.deleted_at is null
          and (u.last_login_at > now() - interval '24 hours'
               or exists (select 1 from sessions s where s.user_id = u.id and s.last_used_at > now() - interval '24 hours'))`,
    );
    const [registered]: { n: number }[] = await conn.execute(
      `select count(*)::int as n from users where deleted_at is null and created_at >= ? and created_at < ?`,
      [range.from, range.to],
    );
    const sum = (field: 'tier' | 'status' | 'role') =>
      groups.reduce<Record<string, number>>((acc, g) => ({ ...acc, [g[field]]: (acc[g[field]] ?? 0) + g.n }), {});
    return {
      total: groups.reduce((n, g) => n + g.n, 0),
      byTier: sum('tier'),
      byStatus: sum('status'),
      byRole: sum('role'),
      activeLast24h: active.n,
      registeredInRange: registered.n,
    };
  }
}
