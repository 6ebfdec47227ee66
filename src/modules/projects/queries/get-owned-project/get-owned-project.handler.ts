import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProjectErrors } from '../../errors';
import { Project } from '../../persistence/project.entity';
import { GetOwnedProjectQuery } from './get-owned-project.query';

@QueryHandler(GetOwnedProjectQuery)
export class GetOwnedProjectHandler implements IQueryHandler<GetOwnedProjectQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, projectId }: GetOwnedProjectQuery) {
    const project = await this.em.fork().findOne(Project, { id: projectId, userId, deletedAt: null }, { fields: ['id', 'userId'] });
    if (!project) throw ProjectErrors.notFound();
    return { id: project.id, userId: project.userId };
  }
}
