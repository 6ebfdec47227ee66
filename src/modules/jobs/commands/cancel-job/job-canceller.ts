import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { FINAL_JOB_STATUSES } from '@afs/contracts';
import { JobLifecycle } from '../../domain/job-lifecycle';
import { JobErrors } from '../../errors';
import { Job } from '../../persistence/job.entity';
import { RenderQueue } from '../../queue/render-queue';

/**
 * A job that has not started is taken off the queue and cancelled at once. One a runner is
 * working on gets a cancel signal; the runner stops between steps (killing ffmpeg) and its
 * 'cancelled' result ends the job, releasing the credits.
 */
@Injectable()
export class JobCanceller {
  constructor(
    private readonly queue: RenderQueue,
    private readonly lifecycle: JobLifecycle,
  ) {}

  /** Inside a transaction. Returns the job, cancelled or with its cancel requested. */
  async cancel(em: EntityManager, where: { id: string; userId?: string }, reason: string, quietIfFinal = false): Promise<Job | null> {
    const job = await em.findOne(Job, where, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!job) throw JobErrors.notFound();
    if (FINAL_JOB_STATUSES.includes(job.status)) {
      if (quietIfFinal) return null;
      throw JobErrors.notCancellable(job.status);
    }
    const state = job.enqueuedAt ? await this.queue.removeIfWaiting(job.id, job.attempt) : 'absent';
    if (state === 'active') {
      job.cancelRequestedAt ??= new Date();
      await this.queue.signalCancel(job.id);
      return job;
    }
    // Signal too when Bull no longer knows it: a runner may still hold work for it.
    if (job.enqueuedAt) await this.queue.signalCancel(job.id);
    await this.lifecycle.cancel(job, reason);
    return job;
  }
}
