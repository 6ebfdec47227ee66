import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { JobStatus, JobType } from '@afs/contracts';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { JobView } from '../../http/job.view';
import { Job } from '../../persistence/job.entity';
import { ListJobsQuery } from './list-jobs.query';

@QueryHandler(ListJobsQuery)
export class ListJobsHandler implements IQueryHandler<ListJobsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(query: ListJobsQuery): Promise<Page<JobView>> {
    const after = decodeCursor(query.cursor, { t: 'time', id: 'uuid' });
    const where: FilterQuery<Job> = { userId: query.userId };
    if (query.filter.status) where.status = query.filter.status as JobStatus;
    if (query.filter.type) where.type = query.filter.type as JobType;
    if (query.filter.projectId) where.projectId = query.filter.projectId;
    if (after) where.$or = [{ createdAt: { $lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { $lt: after.id } }];
    const rows = await this.em.fork().find(Job, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit + 1 });
    return toPage(rows, query.limit, JobView.of, (j) => ({ t: j.createdAt.toISOString(), id: j.id }));
  }
}
