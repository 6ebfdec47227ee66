import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { AuthResult } from '../../auth/auth-tokens';
import { hashSecretToken } from '../../auth/secret-token';
import { SessionIssuer } from '../../auth/session-issuer';
import { UserErrors } from '../../errors';
import { GoogleOAuth } from '../../google/google-oauth.port';
import { UserView } from '../../http/user.view';
import { OneTimeToken } from '../../persistence/one-time-token.entity';
import { User } from '../../persistence/user.entity';
import { googleSignInRedirectUri } from '../google-sign-in/google-sign-in.settings';
import { ExchangeLoginCodeCommand } from './exchange-login-code.command';

/**
 * Opens the session a Google sign-in earned. The code's row is locked, so of two exchanges of one
 * code exactly one gets tokens; the other finds it used.
 */
@CommandHandler(ExchangeLoginCodeCommand)
export class ExchangeLoginCodeHandler implements ICommandHandler<ExchangeLoginCodeCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly sessions: SessionIssuer,
    private readonly commandBus: CommandBus,
    private readonly google: GoogleOAuth,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ code, meta }: ExchangeLoginCodeCommand): Promise<AuthResult> {
    googleSignInRedirectUri(this.google, this.config);
    return this.em.transactional(async (em) => {
      const token = await em.findOne(
        OneTimeToken,
        { tokenHash: hashSecretToken(code), purpose: 'google_login' },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!token || token.usedAt || token.expiresAt <= new Date())
        throw UserErrors.invalidLoginCode();
      const user = await em.findOne(User, { id: token.userId, deletedAt: null });
      if (!user) throw UserErrors.invalidLoginCode();
      if (user.status === 'suspended') throw UserErrors.suspended();
      token.usedAt = new Date();
      user.lastLoginAt = new Date();
      const tokens = this.sessions.open(em, user, meta);
      await this.commandBus.execute(
        new RecordAuditCommand({
          actorId: user.id,
          action: 'user.logged_in',
          targetType: 'user',
          targetId: user.id,
          after: { via: 'google' },
          context: { ip: meta.ip, requestId: meta.requestId },
        }),
      );
      return { user: UserView.of(user), ...tokens };
    });
  }
}
