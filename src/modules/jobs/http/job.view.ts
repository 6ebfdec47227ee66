import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATUSES, JOB_TYPES, RENDER_STEPS } from '@afs/contracts';
import type { Job } from '../persistence/job.entity';

export class JobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ enum: JOB_TYPES }) type!: string;
  @ApiProperty({ enum: JOB_STATUSES }) status!: string;
  @ApiProperty({ enum: [1, 2, 3], description: '1 low .. 3 high' }) priority!: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ enum: RENDER_STEPS, nullable: true }) currentStep!: string | null;
  @ApiProperty({ description: 'API-level attempt; a retry starts a new one.' }) attempt!: number;
  @ApiProperty({ description: 'Runner tries within this attempt.' }) tries!: number;
  @ApiProperty({ nullable: true, description: 'Why it failed, in words.' }) error!: string | null;
  @ApiProperty({ nullable: true }) failedStep!: string | null;
  @ApiProperty({ description: 'Credits this job costs.' }) cost!: number;
  @ApiProperty({ description: 'The script version it renders.' }) projectVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) parameters!: Record<string, unknown>;
  @ApiProperty({ description: 'Waiting for a free slot of your plan.' }) waitingForSlot!: boolean;
  @ApiProperty() cancelRequested!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true }) startedAt!: string | null;
  @ApiProperty({ nullable: true }) finishedAt!: string | null;

  static of(job: Job): JobView {
    return {
      id: job.id,
      projectId: job.projectId,
      type: job.type,
      status: job.status,
      priority: job.priority,
      progress: job.progress,
      currentStep: job.currentStep ?? null,
      attempt: job.attempt,
      tries: job.tries,
      error: job.error ?? null,
      failedStep: job.failedStep ?? null,
      cost: job.cost,
      projectVersion: job.projectVersion,
      parameters: job.parameters,
      waitingForSlot: job.status === 'queued' && !job.enqueuedAt,
      cancelRequested: Boolean(job.cancelRequestedAt),
      createdAt: job.createdAt.toISOString(),
      startedAt: job.startedAt?.toISOString() ?? null,
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }
}
