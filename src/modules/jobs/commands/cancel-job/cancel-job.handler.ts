import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { JobView } from '../../http/job.view';
import { JobDispatcher } from '../../queue/job-dispatcher';
import { JobEvents } from '../../realtime/job-events';
import { CancelJobCommand } from './cancel-job.command';
import { JobCanceller } from './job-canceller';

@CommandHandler(CancelJobCommand)
export class CancelJobHandler implements ICommandHandler<CancelJobCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly canceller: JobCanceller,
    private readonly events: JobEvents,
    private readonly dispatcher: JobDispatcher,
  ) {}

  async execute({ jobId, userId, reason }: CancelJobCommand): Promise<JobView> {
    const job = await this.em.transactional((em) => this.canceller.cancel(em, userId ? { id: jobId, userId } : { id: jobId }, reason));
    await this.events.published(job!);
    if (job!.status === 'cancelled') await this.dispatcher.dispatch(job!.userId);
    return JobView.of(job!);
  }
}
