import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { PasswordHasher } from '../../auth/password-hasher';
import { hashSecretToken } from '../../auth/secret-token';
import { revokeSessions } from '../../auth/session-revoker';
import { UserErrors } from '../../errors';
import { OneTimeToken } from '../../persistence/one-time-token.entity';
import { User } from '../../persistence/user.entity';
import { ResetPasswordCommand } from './reset-password.command';

/** Sets the new password, uses up the token and signs out every device. */
@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly commandBus: CommandBus,
  ) {}

  async execute(command: ResetPasswordCommand): Promise<void> {
    const passwordHash = await this.hasher.hash(command.newPassword);
    await this.em.transactional(async (em) => {
      const token = await em.findOne(
        OneTimeToken,
        { tokenHash: hashSecretToken(command.token), purpose: 'password_reset' },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!token || token.usedAt || token.expiresAt <= new Date()) throw UserErrors.invalidResetToken();
      const user = await em.findOne(User, { id: token.userId, deletedAt: null, status: 'active' });
      if (!user) throw UserErrors.invalidResetToken();
      token.usedAt = new Date();
      user.passwordHash = passwordHash;
      // Older reset links die with this one.
      await em.nativeUpdate(
        OneTimeToken,
        { userId: user.id, purpose: 'password_reset', usedAt: null, id: { $ne: token.id } },
        { usedAt: new Date() },
      );
      const revoked = await revokeSessions(em, { userId: user.id }, 'password reset');
      await this.commandBus.execute(
        new RecordAuditCommand({
          actorId: user.id,
          action: 'user.password_reset',
          targetType: 'user',
          targetId: user.id,
          after: { sessionsRevoked: revoked },
          context: { ip: command.meta.ip, requestId: command.meta.requestId },
        }),
      );
    });
  }
}
