import { Process, Processor } from '@nestjs/bull';
import { CommandBus } from '@nestjs/cqrs';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import type { Job as BullJob } from 'bull';
import { QUEUES, type JobResultMessage } from '@afs/contracts';
import { ApplyJobResultCommand } from '../commands/apply-job-result/apply-job-result.command';

/**
 * Results come on a durable queue rather than Bull's global events (fire-and-forget pub/sub), so a
 * result sent while the API was down is applied when it comes back. A failure here is retried by Bull.
 */
@Processor(QUEUES.jobResults)
export class JobResultsProcessor {
  constructor(
    private readonly commands: CommandBus,
    private readonly orm: MikroORM,
  ) {}

  // Results of different jobs apply in parallel; two results of one job are serialised by its row lock.
  @Process({ concurrency: 4 })
  async handle(message: BullJob<JobResultMessage>): Promise<boolean> {
    return RequestContext.create(this.orm.em, () => this.commands.execute(new ApplyJobResultCommand(message.data)));
  }
}
