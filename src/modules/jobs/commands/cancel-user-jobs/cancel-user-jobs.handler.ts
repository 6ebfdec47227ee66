import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { Job } from '../../persistence/job.entity';
import { JobEvents } from '../../realtime/job-events';
import { JobCanceller } from '../cancel-job/job-canceller';
import { CancelUserJobsCommand } from './cancel-user-jobs.command';

/** Each job in its own transaction, as a user's cancel would: one that ended meanwhile is skipped. */
@CommandHandler(CancelUserJobsCommand)
export class CancelUserJobsHandler implements ICommandHandler<CancelUserJobsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly canceller: JobCanceller,
    private readonly events: JobEvents,
  ) {}

  async execute({ userId, reason }: CancelUserJobsCommand): Promise<number> {
    const live = await this.em.fork().find(Job, { userId, status: { $in: ['queued', 'processing'] } }, { fields: ['id'] });
    let cancelled = 0;
    for (const { id } of live) {
      const job = await this.em.fork().transactional((em) => this.canceller.cancel(em, { id, userId }, reason, true));
      if (!job) continue;
      cancelled++;
      await this.events.published(job);
    }
    return cancelled;
  }
}
