import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProjectStats, ProjectStatsQuery } from './project-stats.query';

@QueryHandler(ProjectStatsQuery)
export class ProjectStatsHandler implements IQueryHandler<ProjectStatsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ range }: ProjectStatsQuery): Promise<ProjectStats> {
    const conn = this.em.fork().getConnection();
    const groups: { status: string; moderation_state: string; n: number }[] = await conn.execute(
      `select status, moderation_state, count(*)::int as n from projects where deleted_at is null group by status, moderation_state`,
    );
    const [created]: { n: number }[] = await conn.execute(
      `select count(*)::int as n from projects where deleted_at is null and created_at >= ? and created_at < ?`,
      [range.from, range.to],
    );
    const byStatus: Record<string, number> = {};
    const byModerationState: Record<string, number> = {};
    for (const g of groups) {
      byStatus[g.status] = (byStatus[g.status] ?? 0) + g.n;
      byModerationState[g.moderation_state] = (byModerationState[g.moderation_state] ?? 0) + g.n;
    }
    return { total: groups.reduce((n, g) => n + g.n, 0), byStatus, byModerationState, createdInRange: created.n };
  }
}
