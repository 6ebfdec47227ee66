import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Job } from '../../persistence/job.entity';
import { GetLatestFilmJobQuery } from './get-latest-film-job.query';

@QueryHandler(GetLatestFilmJobQuery)
export class GetLatestFilmJobHandler implements IQueryHandler<GetLatestFilmJobQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, projectId }: GetLatestFilmJobQuery): Promise<{ jobId: string } | null> {
    const job = await this.em
      .fork()
      .findOne(Job, { userId, projectId, type: 'full_generation', status: 'completed' }, { orderBy: { finishedAt: 'desc' }, fields: ['id'] });
    return job ? { jobId: job.id } : null;
  }
}
