import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { revokeSessions } from '../../auth/session-revoker';
import { AdminUserView } from '../../queries/get-admin-user/admin-user.view';
import { AdminUserErrors, assertNotLastAdmin, lockForAdminAction } from '../change-user-access/admin-guards';
import { SuspendUserCommand } from './suspend-user.command';

@CommandHandler(SuspendUserCommand)
export class SuspendUserHandler implements ICommandHandler<SuspendUserCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ actorId, userId, reason, context }: SuspendUserCommand): Promise<AdminUserView> {
    if (actorId === userId) throw AdminUserErrors.selfAction('suspend');
    return this.em.transactional(async (em) => {
      const { user, activeAdminIds } = await lockForAdminAction(em as EntityManager, userId);
      if (user.status === 'suspended') throw AdminUserErrors.statusUnchanged('suspended');
      assertNotLastAdmin(user, activeAdminIds);
      const before = { status: user.status, suspendedReason: user.suspendedReason ?? null };
      user.status = 'suspended';
      user.suspendedReason = reason;
      await em.flush();
      const revoked = await revokeSessions(em as EntityManager, { userId }, 'account suspended');
      await this.commandBus.execute(
        new RecordAuditCommand({
          actorId,
          action: 'user.suspended',
          targetType: 'user',
          targetId: userId,
          before,
          after: { status: 'suspended', suspendedReason: reason, sessionsRevoked: revoked },
          reason,
          context,
        }),
      );
      return AdminUserView.of(user);
    });
  }
}
