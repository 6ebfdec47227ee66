import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MikroORM, LockMode } from '@mikro-orm/postgresql';
import { FINAL_JOB_STATUSES } from '@afs/contracts';
import { JobLifecycle } from '../../domain/job-lifecycle';
import { Job } from '../../persistence/job.entity';
import { JobDispatcher } from '../../queue/job-dispatcher';
import { JobEvents } from '../../realtime/job-events';
import { ApplyJobResultCommand } from './apply-job-result.command';

/**
 * Results arrive at least once (Bull), possibly late (after a cancel, a retry) or twice: the row
 * lock plus "only the current attempt of a job that has not ended" make each one count once.
 */
@CommandHandler(ApplyJobResultCommand)
export class ApplyJobResultHandler implements ICommandHandler<ApplyJobResultCommand> {
  constructor(
    private readonly orm: MikroORM,
    private readonly lifecycle: JobLifecycle,
    private readonly events: JobEvents,
    private readonly dispatcher: JobDispatcher,
  ) {}

  async execute({ result }: ApplyJobResultCommand): Promise<boolean> {
    const job = await this.orm.em.fork().transactional(async (em) => {
      const job = await em.findOne(Job, result.jobId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!job || job.attempt !== result.attempt || FINAL_JOB_STATUSES.includes(job.status)) return null;
      job.startedAt ??= new Date(result.startedAt);
      if (result.outcome === 'completed') {
        await this.lifecycle.complete(job, result.outputs);
      } else if (result.outcome === 'cancelled') {
        await this.lifecycle.cancel(job, 'cancelled by the user');
      } else if (result.final) {
        await this.lifecycle.fail(job, result.error ?? 'the render failed', result.failedStep);
      } else {
        // Bull will try again; the job stays processing and says what went wrong meanwhile.
        job.tries += 1;
        job.error = result.error ?? null;
        job.failedStep = result.failedStep ?? null;
      }
      return job;
    });
    if (!job) return false;
    await this.events.published(job);
    if (FINAL_JOB_STATUSES.includes(job.status)) await this.dispatcher.dispatch(job.userId);
    return true;
  }
}
