import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { GrantCreditsCommand } from '../../../credits/commands/grant-credits/grant-credits.command';
import { GetBalanceQuery } from '../../../credits/queries/get-balance/get-balance.query';
import { GetAdminUserQuery } from '../../../users/queries/get-admin-user/get-admin-user.query';
import { AdminGrantCreditsCommand, AdminGrantResult } from './admin-grant-credits.command';

@CommandHandler(AdminGrantCreditsCommand)
export class AdminGrantCreditsHandler implements ICommandHandler<AdminGrantCreditsCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actorId, userId, amount, reason, context }: AdminGrantCreditsCommand): Promise<AdminGrantResult> {
    await this.queries.execute(new GetAdminUserQuery(userId));
    const grantId = randomUUID();
    // The admin module owns no tables: the transaction only spans the ledger's append and the audit row.
    return this.em.transactional(async () => {
      const before = await this.queries.execute(new GetBalanceQuery(userId));
      const grant = await this.commands.execute(
        new GrantCreditsCommand({ userId, amount, reason, grantId, meta: { actorId, correlationId: grantId } }),
      );
      const after = await this.queries.execute(new GetBalanceQuery(userId));
      await this.commands.execute(
        new RecordAuditCommand({
          actorId,
          action: 'credits.granted',
          targetType: 'user',
          targetId: userId,
          before: { purchased: before.purchased, available: before.available },
          after: { purchased: after.purchased, available: after.available, amount: grant.amount, eventId: grant.eventId },
          reason,
          context: { ...context, grantId },
        }),
      );
      return { grantId, amount: grant.amount, balance: after };
    });
  }
}
