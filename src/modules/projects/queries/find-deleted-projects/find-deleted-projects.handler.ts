import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Project } from '../../persistence/project.entity';
import { FindDeletedProjectsQuery } from './find-deleted-projects.query';

@QueryHandler(FindDeletedProjectsQuery)
export class FindDeletedProjectsHandler implements IQueryHandler<FindDeletedProjectsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ projectIds }: FindDeletedProjectsQuery): Promise<string[]> {
    const em = this.em.fork();
    const deleted: string[] = [];
    // A thousand at a time: a query's bind parameters are limited, and callers may ask about many.
    for (let i = 0; i < projectIds.length; i += 1000) {
      const rows = await em.find(Project, { id: { $in: projectIds.slice(i, i + 1000) }, deletedAt: { $ne: null } }, { fields: ['id'] });
      deleted.push(...rows.map((row) => row.id));
    }
    return deleted;
  }
}
