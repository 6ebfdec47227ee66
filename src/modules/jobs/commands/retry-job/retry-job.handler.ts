import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ReserveCreditsCommand } from '../../../credits/commands/reserve-credits/reserve-credits.command';
import { GetRenderableProjectQuery } from '../../../projects/queries/get-renderable-project/get-renderable-project.query';
import { JobLifecycle } from '../../domain/job-lifecycle';
import { JobErrors } from '../../errors';
import { JobView } from '../../http/job.view';
import { Job } from '../../persistence/job.entity';
import { JobDispatcher } from '../../queue/job-dispatcher';
import { JobEvents } from '../../realtime/job-events';
import { RetryJobCommand } from './retry-job.command';
import { jobAuditCommand, jobAuditState } from '../job-audit';

/**
 * A failed job runs again as a new attempt with its own reservation (`reserve:<jobId>:<n+1>`).
 * The runner resumes from the steps the failed attempt finished. Only while the project may
 * still be rendered.
 */
@CommandHandler(RetryJobCommand)
export class RetryJobHandler implements ICommandHandler<RetryJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly lifecycle: JobLifecycle,
    private readonly dispatcher: JobDispatcher,
    private readonly events: JobEvents,
  ) {}

  async execute({ jobId, userId, free, audit }: RetryJobCommand): Promise<JobView> {
    const job = await this.em.transactional(async (em) => {
      const job = await em.findOne(Job, userId ? { id: jobId, userId } : { id: jobId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!job) throw JobErrors.notFound();
      if (job.status !== 'failed') throw JobErrors.notRetryable(job.status);
      // A project deleted, rejected or held for review since the job failed is not rendered again.
      await this.queries.execute(new GetRenderableProjectQuery(job.userId, job.projectId));
      const before = jobAuditState(job);
      job.attempt += 1;
      if (free) job.cost = 0;
      Object.assign(job, { status: 'queued', tries: 0, progress: 0, currentStep: null, error: null, failedStep: null });
      Object.assign(job, { enqueuedAt: null, cancelRequestedAt: null, startedAt: null, finishedAt: null });
      if (job.cost > 0) {
        await this.commands.execute(new ReserveCreditsCommand({ userId: job.userId, jobId: job.id, attempt: job.attempt, amount: job.cost }));
      }
      await em.flush();
      await this.lifecycle.recordProjectStatus(job);
      if (audit) await this.commands.execute(jobAuditCommand(audit, job, before));
      return job;
    });
    await this.events.published(job);
    await this.dispatcher.dispatch(job.userId);
    return JobView.of(await this.em.fork().findOneOrFail(Job, job.id));
  }
}
