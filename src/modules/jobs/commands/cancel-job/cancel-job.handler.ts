import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { JobView } from '../../http/job.view';
import { JobDispatcher } from '../../queue/job-dispatcher';
import { JobEvents } from '../../realtime/job-events';
import { CancelJobCommand } from './cancel-job.command';
import { JobCanceller } from './job-canceller';
import { Job } from '../../persistence/job.entity';
import { JobErrors } from '../../errors';
import { jobAuditCommand, jobAuditState } from '../job-audit';

@CommandHandler(CancelJobCommand)
export class CancelJobHandler implements ICommandHandler<CancelJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly canceller: JobCanceller,
    private readonly events: JobEvents,
    private readonly dispatcher: JobDispatcher,
    private readonly commands: CommandBus,
  ) {}

  async execute({ jobId, userId, reason, audit }: CancelJobCommand): Promise<JobView> {
    const job = await this.em.transactional(async (em) => {
      const current = audit ? await em.findOne(Job, jobId) : null;
      if (audit && !current) throw JobErrors.notFound();
      const before = current ? jobAuditState(current) : {};
      const job = await this.canceller.cancel(em, userId ? { id: jobId, userId } : { id: jobId }, reason);
      if (audit) await this.commands.execute(jobAuditCommand(audit, job!, before));
      return job;
    });
    await this.events.published(job!);
    if (job!.status === 'cancelled') await this.dispatcher.dispatch(job!.userId);
    return JobView.of(job!);
  }
}
