import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProjectErrors } from '../../errors';
import { ProjectView } from '../../http/project.view';
import { Project } from '../../persistence/project.entity';
import { GetProjectQuery } from './get-project.query';

@QueryHandler(GetProjectQuery)
export class GetProjectHandler implements IQueryHandler<GetProjectQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, projectId }: GetProjectQuery): Promise<ProjectView> {
    const project = await this.em.fork().findOne(Project, { id: projectId, userId, deletedAt: null }, { populate: ['script'] });
    if (!project) throw ProjectErrors.notFound();
    return ProjectView.of(project, true);
  }
}
