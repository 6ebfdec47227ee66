import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { AuthTokens } from '../../auth/auth-tokens';
import { hashSecretToken } from '../../auth/secret-token';
import { SessionIssuer } from '../../auth/session-issuer';
import { revokeSessions } from '../../auth/session-revoker';
import { UserErrors } from '../../errors';
import { RefreshToken } from '../../persistence/refresh-token.entity';
import { Session } from '../../persistence/session.entity';
import { User } from '../../persistence/user.entity';
import { RefreshSessionCommand } from './refresh-session.command';

type Outcome = { tokens: AuthTokens } | { error: Error };

/**
 * Rotates the refresh token. The session row is locked, so two refreshes with one token are
 * serialised: the second sees a rotated token, which is what a stolen token looks like, and the
 * session is revoked for both holders.
 */
@CommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute({ refreshToken }: RefreshSessionCommand): Promise<AuthTokens> {
    const outcome = await this.em.transactional(async (em): Promise<Outcome> => {
      const token = await em.findOne(RefreshToken, { tokenHash: hashSecretToken(refreshToken) });
      if (!token) return { error: UserErrors.invalidRefreshToken() };
      const session = await em.findOne(Session, token.sessionId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!session || session.revokedAt || session.expiresAt <= new Date()) {
        return { error: UserErrors.invalidRefreshToken() };
      }
      await em.refresh(token);
      if (token.rotatedAt) {
        await revokeSessions(em, { userId: session.userId, sessionId: session.id }, 'refresh token reused');
        return { error: UserErrors.refreshTokenReused() };
      }
      const user = await em.findOne(User, { id: session.userId, deletedAt: null });
      if (!user) return { error: UserErrors.invalidRefreshToken() };
      if (user.status === 'suspended') return { error: UserErrors.suspended() };
      token.rotatedAt = new Date();
      session.lastUsedAt = new Date();
      return { tokens: this.sessions.tokensFor(em, user.id, session.id) };
    });
    // Thrown after the commit, so a revocation for reuse is kept.
    if ('error' in outcome) throw outcome.error;
    return outcome.tokens;
  }
}
