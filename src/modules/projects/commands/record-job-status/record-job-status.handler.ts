import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ProjectStatus } from '../../domain/project-enums';
import { ProjectErrors } from '../../errors';
import { Project } from '../../persistence/project.entity';
import { RecordJobStatusCommand } from './record-job-status.command';

@CommandHandler(RecordJobStatusCommand)
export class RecordJobStatusHandler implements ICommandHandler<RecordJobStatusCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute(command: RecordJobStatusCommand): Promise<void> {
    const status: ProjectStatus = command.jobStatus === 'cancelled' ? command.statusBeforeJob : command.jobStatus;
    if (command.jobStatus === 'queued') {
      // A new submission (or a retry) becomes the project's latest job, but only while the project
      // may be rendered. This update takes the row lock a delete, a rejection or an edit takes: a
      // submission racing one of them either commits first (and its job is then cancelled with
      // the others) or meets the changed row here and rolls back with its reservation.
      const updated = await this.em.nativeUpdate(
        Project,
        { id: command.projectId, deletedAt: null, moderationState: { $nin: ['pending', 'rejected'] } },
        { status, latestJobId: command.jobId, updatedAt: new Date() },
      );
      if (!updated) throw await this.notRenderable(command.projectId);
      return;
    }
    // Only the latest job moves the project; an older job finishing late does not.
    await this.em.nativeUpdate(Project, { id: command.projectId, latestJobId: command.jobId }, { status, updatedAt: new Date() });
  }

  private async notRenderable(projectId: string): Promise<Error> {
    const project = await this.em.findOne(Project, { id: projectId, deletedAt: null }, { fields: ['moderationState', 'moderationReason'] });
    if (project?.moderationState === 'pending') return ProjectErrors.moderationPending();
    if (project?.moderationState === 'rejected') return ProjectErrors.rejected(project.moderationReason);
    return ProjectErrors.notFound();
  }
}
