import { isDeepStrictEqual } from 'node:util';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { resolveRenderOptions } from '../../domain/resolve-render-options';
import { moderationAfterWrite, ModerationWordList } from '../../domain/moderation';
import { ProjectErrors } from '../../errors';
import { ProjectView } from '../../http/project.view';
import { Project } from '../../persistence/project.entity';
import { ProjectVersion } from '../../persistence/project-version.entity';
import { UpdateProjectCommand } from './update-project.command';

/**
 * A change of title, script or options is a new version; jobs keep rendering the version they
 * were submitted with. A PATCH that changes nothing makes no version.
 */
@CommandHandler(UpdateProjectCommand)
export class UpdateProjectHandler implements ICommandHandler<UpdateProjectCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly moderation: ModerationWordList,
  ) {}

  async execute({ userId, projectId, changes }: UpdateProjectCommand): Promise<ProjectView> {
    return this.em.transactional(async (em) => {
      const project = await em.findOne(
        Project,
        { id: projectId, userId, deletedAt: null },
        { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['script'] },
      );
      if (!project) throw ProjectErrors.notFound();
      const title = changes.title ?? project.title;
      const script = changes.script ?? project.script;
      const options = resolveRenderOptions(project.options, changes.options);
      const changed = title !== project.title || script !== project.script || !isDeepStrictEqual(options, project.options);
      if (title !== project.title || script !== project.script) {
        Object.assign(project, moderationAfterWrite(project.moderationState, this.moderation.matches(title, script)));
      }
      if (changed) {
        project.title = title;
        project.script = script;
        project.options = options;
        project.currentVersion += 1;
        em.create(ProjectVersion, { projectId, version: project.currentVersion, title, script, options });
      }
      return ProjectView.of(project, true);
    });
  }
}
