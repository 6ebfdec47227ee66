import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { JobOutputFile, JobStatus } from '@afs/contracts';
import { CaptureReservationCommand } from '../../credits/commands/capture-reservation/capture-reservation.command';
import { ReleaseReservationCommand } from '../../credits/commands/release-reservation/release-reservation.command';
import { RecordJobStatusCommand } from '../../projects/commands/record-job-status/record-job-status.command';
import type { ProjectStatus } from '../../projects/domain/project-enums';
import { RegisterJobAssetsCommand } from '../../assets/commands/register-job-assets/register-job-assets.command';
import type { Job } from '../persistence/job.entity';

/**
 * The transitions that end a job, each with everything that must happen with it: the credits
 * captured or released, the project's status, the files registered. Call them inside the
 * transaction that holds the job's row lock, so each reservation ends exactly once.
 */
@Injectable()
export class JobLifecycle {
  constructor(private readonly commands: CommandBus) {}

  async complete(job: Job, outputs: JobOutputFile[]): Promise<void> {
    this.finish(job, 'completed');
    job.progress = 100;
    job.error = null;
    job.failedStep = null;
    if (job.cost > 0) {
      await this.commands.execute(new CaptureReservationCommand({ userId: job.userId, jobId: job.id, attempt: job.attempt }));
    }
    await this.commands.execute(
      new RegisterJobAssetsCommand({ jobId: job.id, projectId: job.projectId, userId: job.userId, outputs }),
    );
    await this.recordProjectStatus(job);
  }

  async fail(job: Job, error: string, failedStep?: string | null): Promise<void> {
    this.finish(job, 'failed');
    job.error = error;
    job.failedStep = failedStep ?? null;
    await this.release(job, 'job failed');
    await this.recordProjectStatus(job);
  }

  async cancel(job: Job, reason: string): Promise<void> {
    this.finish(job, 'cancelled');
    job.error = reason;
    await this.release(job, reason);
    await this.recordProjectStatus(job);
  }

  recordProjectStatus(job: Job): Promise<void> {
    return this.commands.execute(
      new RecordJobStatusCommand(job.projectId, job.id, job.status, job.projectStatusBefore as ProjectStatus),
    );
  }

  private finish(job: Job, status: JobStatus): void {
    job.status = status;
    job.finishedAt = new Date();
    job.enqueuedAt ??= null;
  }

  private async release(job: Job, reason: string): Promise<void> {
    if (job.cost === 0) return;
    await this.commands.execute(new ReleaseReservationCommand({ userId: job.userId, jobId: job.id, attempt: job.attempt, reason }));
  }
}
