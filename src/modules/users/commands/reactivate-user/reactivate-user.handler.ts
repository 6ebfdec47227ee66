import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { AdminUserView } from '../../queries/get-admin-user/admin-user.view';
import { AdminUserErrors, lockForAdminAction } from '../change-user-access/admin-guards';
import { ReactivateUserCommand } from './reactivate-user.command';

@CommandHandler(ReactivateUserCommand)
export class ReactivateUserHandler implements ICommandHandler<ReactivateUserCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ actorId, userId, reason, context }: ReactivateUserCommand): Promise<AdminUserView> {
    return this.em.transactional(async (em) => {
      const { user } = await lockForAdminAction(em as EntityManager, userId);
      if (user.status === 'active') throw AdminUserErrors.statusUnchanged('active');
      const before = { status: user.status, suspendedReason: user.suspendedReason ?? null };
      user.status = 'active';
      user.suspendedReason = null;
      await em.flush();
      await this.commandBus.execute(
        new RecordAuditCommand({
          actorId,
          action: 'user.reactivated',
          targetType: 'user',
          targetId: userId,
          before,
          after: { status: 'active', suspendedReason: null },
          reason,
          context,
        }),
      );
      return AdminUserView.of(user);
    });
  }
}
