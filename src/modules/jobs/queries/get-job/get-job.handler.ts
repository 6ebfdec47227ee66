import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { JobErrors } from '../../errors';
import { JobView } from '../../http/job.view';
import { Job } from '../../persistence/job.entity';
import { GetJobQuery } from './get-job.query';

/** Another user's job is answered exactly like a missing one. */
@QueryHandler(GetJobQuery)
export class GetJobHandler implements IQueryHandler<GetJobQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ jobId, userId }: GetJobQuery): Promise<JobView> {
    const job = await this.em.fork().findOne(Job, userId ? { id: jobId, userId } : { id: jobId });
    if (!job) throw JobErrors.notFound();
    return JobView.of(job);
  }
}
