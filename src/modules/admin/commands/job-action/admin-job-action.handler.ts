import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CancelJobCommand } from '../../../jobs/commands/cancel-job/cancel-job.command';
import { RetryJobCommand } from '../../../jobs/commands/retry-job/retry-job.command';
import type { JobView } from '../../../jobs/http/job.view';
import { AdminJobActionCommand } from './admin-job-action.command';

@CommandHandler(AdminJobActionCommand)
export class AdminJobActionHandler implements ICommandHandler<AdminJobActionCommand> {
  constructor(private readonly commands: CommandBus) {}

  async execute({ actorId, jobId, action, reason, context }: AdminJobActionCommand): Promise<JobView> {
    // The jobs module writes the audit row inside the retry's or cancellation's own transaction.
    if (action.type === 'retry') {
      return this.commands.execute(
        new RetryJobCommand(jobId, undefined, action.free, { actorId, action: 'job.retried', reason, context, extra: { free: action.free } }),
      );
    }
    return this.commands.execute(
      new CancelJobCommand(jobId, undefined, reason ? `cancelled by an admin: ${reason}` : 'cancelled by an admin', {
        actorId,
        action: 'job.cancelled',
        reason,
        context,
      }),
    );
  }
}
