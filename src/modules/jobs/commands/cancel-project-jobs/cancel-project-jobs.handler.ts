import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Job } from '../../persistence/job.entity';
import { JobDispatcher } from '../../queue/job-dispatcher';
import { JobEvents } from '../../realtime/job-events';
import { JobCanceller } from '../cancel-job/job-canceller';
import { CancelProjectJobsCommand } from './cancel-project-jobs.command';

@CommandHandler(CancelProjectJobsCommand)
export class CancelProjectJobsHandler implements ICommandHandler<CancelProjectJobsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly canceller: JobCanceller,
    private readonly events: JobEvents,
    private readonly dispatcher: JobDispatcher,
  ) {}

  async execute({ projectId, reason }: CancelProjectJobsCommand): Promise<number> {
    const live = await this.em.fork().find(Job, { projectId, status: { $in: ['queued', 'processing'] } }, { fields: ['id', 'userId'] });
    let cancelled = 0;
    for (const { id } of live) {
      const job = await this.em.fork().transactional((em) => this.canceller.cancel(em, { id }, reason, true));
      if (!job) continue;
      cancelled++;
      await this.events.published(job);
    }
    if (live.length) await this.dispatcher.dispatch(live[0].userId);
    return cancelled;
  }
}
