import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { resolveRenderOptions } from '../../domain/resolve-render-options';
import { moderationAfterWrite, ModerationWordList } from '../../domain/moderation';
import { ProjectView } from '../../http/project.view';
import { Project } from '../../persistence/project.entity';
import { ProjectVersion } from '../../persistence/project-version.entity';
import { CreateProjectCommand } from './create-project.command';

@CommandHandler(CreateProjectCommand)
export class CreateProjectHandler implements ICommandHandler<CreateProjectCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly moderation: ModerationWordList,
  ) {}

  async execute(command: CreateProjectCommand): Promise<ProjectView> {
    const options = resolveRenderOptions(undefined, command.options);
    return this.em.transactional(async (em) => {
      const project = em.create(Project, { userId: command.userId, title: command.title, script: command.script, options });
      Object.assign(project, moderationAfterWrite('none', this.moderation.matches(command.title, command.script)));
      em.create(ProjectVersion, { projectId: project.id, version: 1, title: project.title, script: project.script, options });
      await em.flush();
      return ProjectView.of(project, true);
    });
  }
}
