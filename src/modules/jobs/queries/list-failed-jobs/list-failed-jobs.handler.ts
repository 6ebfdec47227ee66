import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { JobType } from '@afs/contracts';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { Job } from '../../persistence/job.entity';
import { AdminJobView } from './admin-job.view';
import { ListFailedJobsQuery } from './list-failed-jobs.query';

@QueryHandler(ListFailedJobsQuery)
export class ListFailedJobsHandler implements IQueryHandler<ListFailedJobsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListFailedJobsQuery): Promise<Page<AdminJobView>> {
    const after = decodeCursor(query.cursor, { t: 'time', id: 'uuid' });
    const where: FilterQuery<Job> = { status: 'failed' };
    if (query.filter.userId) where.userId = query.filter.userId;
    if (query.filter.type) where.type = query.filter.type as JobType;
    if (after) {
      where.$or = [{ updatedAt: { $lt: new Date(after.t) } }, { updatedAt: new Date(after.t), id: { $lt: after.id } }];
    }
    const rows = await this.em.fork().find(Job, where, { orderBy: { updatedAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    return toPage(rows, query.limit, AdminJobView.from, (j) => ({ t: j.updatedAt.toISOString(), id: j.id }));
  }
}
