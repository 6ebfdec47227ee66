import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { FINAL_JOB_STATUSES, type JobStatus } from '@afs/contracts';
import { JobFinishedEvent } from '../events/job-finished.event';
import { RealtimeHub } from '../../../platform/realtime/realtime-hub';
import type { Job } from '../persistence/job.entity';

export const JOB_EVENT_TYPES = ['job.progress', 'job.completed', 'job.failed', 'job.cancelled'] as const;

/** Tells the owner's live streams (and, for an ended job, the EventBus) about a job; call it after the change committed. */
@Injectable()
export class JobEvents {
  private readonly logger = new Logger(JobEvents.name);

  constructor(
    private readonly hub: RealtimeHub,
    private readonly eventBus: EventBus,
  ) {}

  async published(job: Job): Promise<void> {
    if (job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled') {
      this.eventBus.publish(
        new JobFinishedEvent(job.id, job.userId, job.projectId, job.type, job.status, job.attempt, job.error ?? null),
      );
    }
    try {
      await this.hub.publish(job.userId, { type: jobEventType(job.status), data: jobEventData(job) });
    } catch (error) {
      // A missed live event is tolerable: the job's state is in the database for the next read.
      this.logger.warn({ err: (error as Error).message, jobId: job.id }, 'could not publish job event');
    }
  }
}

/** A job's live event: its end once it ended, progress before. */
export function jobEventType(status: JobStatus): (typeof JOB_EVENT_TYPES)[number] {
  return FINAL_JOB_STATUSES.includes(status) ? (`job.${status}` as (typeof JOB_EVENT_TYPES)[number]) : 'job.progress';
}

export function jobEventData(job: Job): Record<string, unknown> {
  return {
    jobId: job.id,
    projectId: job.projectId,
    type: job.type,
    status: job.status,
    progress: job.progress,
    currentStep: job.currentStep ?? null,
    attempt: job.attempt,
    ...(job.error ? { error: job.error } : {}),
  };
}
