import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { AuthResult } from '../../auth/auth-tokens';
import { PasswordHasher } from '../../auth/password-hasher';
import { SessionIssuer } from '../../auth/session-issuer';
import { UserErrors } from '../../errors';
import { UserView } from '../../http/user.view';
import { User } from '../../persistence/user.entity';
import { LogInCommand } from './log-in.command';

@CommandHandler(LogInCommand)
export class LogInHandler implements ICommandHandler<LogInCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ email, password, meta }: LogInCommand): Promise<AuthResult> {
    const user = await this.em.findOne(User, { email: email.toLowerCase(), deletedAt: null });
    const valid = await this.hasher.verify(password, user?.passwordHash);
    const context = { ip: meta.ip, requestId: meta.requestId };

    if (!user || !valid || user.status === 'suspended') {
      // The failure is recorded even though the request fails, so it commits on its own.
      await this.em.transactional(() =>
        this.commandBus.execute(
          new RecordAuditCommand({
            actorId: null,
            action: 'user.login_failed',
            targetType: 'user',
            targetId: user?.id ?? null,
            reason: !user || !valid ? 'invalid credentials' : 'account suspended',
            context: { ...context, email: email.toLowerCase().slice(0, 254) },
          }),
        ),
      );
      // Only someone who knows the password learns that the account is suspended.
      throw user && valid ? UserErrors.suspended() : UserErrors.invalidCredentials();
    }

    return this.em.transactional(async (em) => {
      const account = await em.findOneOrFail(User, user.id);
      account.lastLoginAt = new Date();
      const tokens = this.sessions.open(em, account, meta);
      await this.commandBus.execute(
        new RecordAuditCommand({ actorId: user.id, action: 'user.logged_in', targetType: 'user', targetId: user.id, context }),
      );
      return { user: UserView.of(account), ...tokens };
    });
  }
}
