import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { revokeSessions } from '../../auth/session-revoker';
import { UserErrors } from '../../errors';
import { RevokeSessionCommand } from './revoke-session.command';

/** Another user's session is answered exactly like a missing one. */
@CommandHandler(RevokeSessionCommand)
export class RevokeSessionHandler implements ICommandHandler<RevokeSessionCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ userId, sessionId }: RevokeSessionCommand): Promise<void> {
    const revoked = await this.em.transactional((em) =>
      revokeSessions(em, { userId, sessionId }, 'revoked by the user'),
    );
    if (revoked === 0) throw UserErrors.sessionNotFound();
  }
}
