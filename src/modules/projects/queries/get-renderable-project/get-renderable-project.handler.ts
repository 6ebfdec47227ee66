import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { ProjectErrors } from '../../errors';
import { Project } from '../../persistence/project.entity';
import { ProjectVersion } from '../../persistence/project-version.entity';
import { GetRenderableProjectQuery, RenderableProject } from './get-renderable-project.query';

@QueryHandler(GetRenderableProjectQuery)
export class GetRenderableProjectHandler implements IQueryHandler<GetRenderableProjectQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, projectId }: GetRenderableProjectQuery): Promise<RenderableProject> {
    // Inside the submitting transaction when there is one, so the version read is the one locked in.
    const project = await this.em.findOne(Project, { id: projectId, userId, deletedAt: null });
    if (!project) throw ProjectErrors.notFound();
    if (project.moderationState === 'pending') throw ProjectErrors.moderationPending();
    if (project.moderationState === 'rejected') throw ProjectErrors.rejected(project.moderationReason);
    const version = await this.em.findOneOrFail(ProjectVersion, { projectId, version: project.currentVersion });
    return {
      projectId,
      userId,
      version: version.version,
      title: version.title,
      script: version.script,
      options: version.options,
      status: project.status,
    };
  }
}
