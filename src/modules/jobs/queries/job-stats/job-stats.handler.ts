import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { RenderQueue } from '../../queue/render-queue';
import { JobStats, JobStatsQuery } from './job-stats.query';

@QueryHandler(JobStatsQuery)
export class JobStatsHandler implements IQueryHandler<JobStatsQuery> {
  constructor(
    private readonly em: EntityManager,
    private readonly renderQueue: RenderQueue,
  ) {}

  async execute({ range }: JobStatsQuery): Promise<JobStats> {
    const conn = this.em.fork().getConnection();
    const groups: { type: string; status: string; n: number }[] = await conn.execute(
      `select type, status, count(*)::int as n from jobs group by type, status`,
    );
    const [waiting]: { n: number }[] = await conn.execute(
      `select count(*)::int as n from jobs where status = 'queued' and enqueued_at is null`,
    );
    const [finished]: { completed: number; failed: number; avg_ms: number | null }[] = await conn.execute(
      `select count(*) filter (where status = 'completed')::int as completed,
              count(*) filter (where status = 'failed')::int as failed,
              (avg(extract(epoch from finished_at - started_at) * 1000)
                 filter (where status = 'completed' and started_at is not null))::float8 as avg_ms
         from jobs where finished_at >= ? and finished_at < ?`,
      [range.from, range.to],
    );
    const byStatus: Record<string, number> = {};
    const byType: Record<string, Record<string, number>> = {};
    for (const g of groups) {
      byStatus[g.status] = (byStatus[g.status] ?? 0) + g.n;
      (byType[g.type] ??= {})[g.status] = g.n;
    }
    const counts = await this.renderQueue.queue.getJobCounts();
    return {
      byStatus,
      byType,
      queue: { ...counts },
      waitingForSlot: waiting.n,
      averageProcessingMs: finished.avg_ms === null ? null : Math.round(finished.avg_ms),
      completedInRange: finished.completed,
      failedInRange: finished.failed,
    };
  }
}
