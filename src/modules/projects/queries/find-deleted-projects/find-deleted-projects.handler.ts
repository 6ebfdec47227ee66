import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Project } from '../../persistence/project.entity';
import { FindDeletedProjectsQuery } from './find-deleted-projects.query';

@QueryHandler(FindDeletedProjectsQuery)
export class FindDeletedProjectsHandler implements IQueryHandler<FindDeletedProjectsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ projectIds }: FindDeletedProjectsQuery): Promise<string[]> {
    if (!projectIds.length) return [];
    const deleted = await this.em.fork().find(Project, { id: { $in: [...projectIds] }, deletedAt: { $ne: null } }, { fields: ['id'] });
    return deleted.map((project) => project.id);
  }
}
