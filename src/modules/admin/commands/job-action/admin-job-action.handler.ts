import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { CancelJobCommand } from '../../../jobs/commands/cancel-job/cancel-job.command';
import { RetryJobCommand } from '../../../jobs/commands/retry-job/retry-job.command';
import type { JobView } from '../../../jobs/http/job.view';
import { GetJobQuery } from '../../../jobs/queries/get-job/get-job.query';
import { AdminJobActionCommand } from './admin-job-action.command';

@CommandHandler(AdminJobActionCommand)
export class AdminJobActionHandler implements ICommandHandler<AdminJobActionCommand> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actorId, jobId, action, reason, context }: AdminJobActionCommand): Promise<JobView> {
    const before = await this.queries.execute(new GetJobQuery(jobId));
    const after =
      action.type === 'retry'
        ? await this.commands.execute(new RetryJobCommand(jobId, undefined, action.free))
        : await this.commands.execute(new CancelJobCommand(jobId, undefined, reason ? `cancelled by an admin: ${reason}` : 'cancelled by an admin'));
    await this.commands.execute(
      new RecordAuditCommand({
        actorId,
        action: action.type === 'retry' ? 'job.retried' : 'job.cancelled',
        targetType: 'job',
        targetId: jobId,
        before: { status: before.status, attempt: before.attempt, cost: before.cost, error: before.error },
        after: { status: after.status, attempt: after.attempt, cost: after.cost, ...(action.type === 'retry' ? { free: action.free } : {}) },
        reason,
        context,
      }),
    );
    return after;
  }
}
