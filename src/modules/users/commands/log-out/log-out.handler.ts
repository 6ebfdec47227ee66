import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { hashSecretToken } from '../../auth/secret-token';
import { UserErrors } from '../../errors';
import { RefreshToken } from '../../persistence/refresh-token.entity';
import { Session } from '../../persistence/session.entity';
import { LogOutCommand } from './log-out.command';

/** Ends the session the refresh token belongs to; its access tokens stop working too. */
@CommandHandler(LogOutCommand)
export class LogOutHandler implements ICommandHandler<LogOutCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ refreshToken }: LogOutCommand): Promise<void> {
    await this.em.transactional(async (em) => {
      const token = await em.findOne(RefreshToken, { tokenHash: hashSecretToken(refreshToken) });
      const session = token && (await em.findOne(Session, token.sessionId));
      if (!session || session.revokedAt) throw UserErrors.invalidRefreshToken();
      session.revokedAt = new Date();
      session.revokedReason = 'logged out';
    });
  }
}
