import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { PasswordHasher } from '../../auth/password-hasher';
import { revokeSessions } from '../../auth/session-revoker';
import { UserErrors } from '../../errors';
import { User } from '../../persistence/user.entity';
import { ChangePasswordCommand } from './change-password.command';

/** Keeps the caller's session and signs every other device out. */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly commandBus: CommandBus,
  ) {}

  async execute(command: ChangePasswordCommand): Promise<void> {
    const user = await this.em.findOneOrFail(User, { id: command.userId, deletedAt: null });
    if (!user.passwordHash) throw UserErrors.noPassword();
    if (!(await this.hasher.verify(command.currentPassword, user.passwordHash))) throw UserErrors.wrongPassword();
    const passwordHash = await this.hasher.hash(command.newPassword);
    await this.em.transactional(async (em) => {
      await em.nativeUpdate(User, { id: user.id }, { passwordHash, updatedAt: new Date() });
      const revoked = await revokeSessions(em, { userId: user.id, except: command.sessionId }, 'password changed');
      await this.commandBus.execute(
        new RecordAuditCommand({
          actorId: user.id,
          action: 'user.password_changed',
          targetType: 'user',
          targetId: user.id,
          after: { otherSessionsRevoked: revoked },
          context: { ip: command.meta.ip, requestId: command.meta.requestId },
        }),
      );
    });
  }
}
