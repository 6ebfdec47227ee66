import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuthResult } from '../../auth/auth-tokens';
import { PasswordHasher } from '../../auth/password-hasher';
import { SessionIssuer } from '../../auth/session-issuer';
import { UserRegisteredEvent } from '../../events/user-registered.event';
import { UserView } from '../../http/user.view';
import { AccountCreator } from './account-creator';
import { RegisterUserCommand } from './register-user.command';

@CommandHandler(RegisterUserCommand)
export class RegisterUserHandler implements ICommandHandler<RegisterUserCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly accounts: AccountCreator,
    private readonly sessions: SessionIssuer,
    private readonly events: EventBus,
  ) {}

  async execute(command: RegisterUserCommand): Promise<AuthResult> {
    const passwordHash = await this.hasher.hash(command.password);
    const result = await this.em.transactional(async (em) => {
      const user = await this.accounts.create(
        em,
        {
          email: command.email.toLowerCase(),
          passwordHash,
          firstName: command.firstName,
          lastName: command.lastName,
        },
        command.meta,
        'password',
      );
      user.lastLoginAt = new Date();
      const tokens = this.sessions.open(em, user, command.meta);
      return { user: UserView.of(user), ...tokens };
    });
    this.events.publish(new UserRegisteredEvent(result.user.id, result.user.email, result.user.tier, 'password'));
    return result;
  }
}
