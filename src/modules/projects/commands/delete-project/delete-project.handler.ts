import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { CancelProjectJobsCommand } from '../../../jobs/commands/cancel-project-jobs/cancel-project-jobs.command';
import { ProjectErrors } from '../../errors';
import { Project } from '../../persistence/project.entity';
import { DeleteProjectCommand } from './delete-project.command';

/**
 * Soft delete, then cancel the project's jobs (their reservations are released). Should the
 * process die between the two, the jobs reconciler cancels jobs of deleted projects.
 */
@CommandHandler(DeleteProjectCommand)
export class DeleteProjectHandler implements ICommandHandler<DeleteProjectCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
  ) {}

  async execute({ userId, projectId }: DeleteProjectCommand): Promise<void> {
    const deleted = await this.em.transactional((em) =>
      em.nativeUpdate(Project, { id: projectId, userId, deletedAt: null }, { deletedAt: new Date() }),
    );
    if (!deleted) throw ProjectErrors.notFound();
    await this.commands.execute(new CancelProjectJobsCommand(projectId, 'project deleted'));
  }
}
