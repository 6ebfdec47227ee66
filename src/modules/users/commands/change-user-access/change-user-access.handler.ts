import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { ChangeTierCommand } from '../../../credits/commands/change-tier/change-tier.command';
import { AdminUserView } from '../../queries/get-admin-user/admin-user.view';
import { AdminUserErrors, assertNotLastAdmin, lockForAdminAction } from './admin-guards';
import { ChangeUserAccessCommand } from './change-user-access.command';

@CommandHandler(ChangeUserAccessCommand)
export class ChangeUserAccessHandler implements ICommandHandler<ChangeUserAccessCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ actorId, userId, changes, reason, context }: ChangeUserAccessCommand): Promise<AdminUserView> {
    return this.em.transactional(async (em) => {
      const { user, activeAdminIds } = await lockForAdminAction(em as EntityManager, userId);
      if (changes.role && changes.role !== user.role) {
        if (user.role === 'admin' && actorId === userId) throw AdminUserErrors.selfAction('demote');
        if (user.role === 'admin') assertNotLastAdmin(user, activeAdminIds);
        const before = { role: user.role };
        user.role = changes.role;
        await em.flush();
        await this.commandBus.execute(
          new RecordAuditCommand({
            actorId,
            action: 'user.role_changed',
            targetType: 'user',
            targetId: userId,
            before,
            after: { role: user.role },
            reason,
            context,
          }),
        );
      }
      if (changes.tier && changes.tier !== user.tier) {
        const before = { tier: user.tier };
        const changeId = randomUUID();
        user.tier = changes.tier;
        await em.flush();
        const credits = await this.commandBus.execute(
          new ChangeTierCommand({ userId, tier: changes.tier, changeId, meta: { actorId, correlationId: changeId } }),
        );
        await this.commandBus.execute(
          new RecordAuditCommand({
            actorId,
            action: 'user.tier_changed',
            targetType: 'user',
            targetId: userId,
            before,
            after: { tier: user.tier, effective: credits.effective, grantedNow: credits.grantedNow },
            reason,
            context: { ...context, changeId },
          }),
        );
      }
      return AdminUserView.of(user);
    });
  }
}
