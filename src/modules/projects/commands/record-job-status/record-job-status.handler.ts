import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import type { ProjectStatus } from '../../domain/project-enums';
import { Project } from '../../persistence/project.entity';
import { RecordJobStatusCommand } from './record-job-status.command';

@CommandHandler(RecordJobStatusCommand)
export class RecordJobStatusHandler implements ICommandHandler<RecordJobStatusCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute(command: RecordJobStatusCommand): Promise<void> {
    const status: ProjectStatus = command.jobStatus === 'cancelled' ? command.statusBeforeJob : command.jobStatus;
    if (command.jobStatus === 'queued') {
      // A new submission becomes the project's latest job.
      await this.em.nativeUpdate(Project, { id: command.projectId }, { status, latestJobId: command.jobId, updatedAt: new Date() });
      return;
    }
    // Only the latest job moves the project; an older job finishing late does not.
    await this.em.nativeUpdate(Project, { id: command.projectId, latestJobId: command.jobId }, { status, updatedAt: new Date() });
  }
}
