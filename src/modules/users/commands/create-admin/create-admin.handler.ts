import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { PasswordHasher } from '../../auth/password-hasher';
import { User } from '../../persistence/user.entity';
import { AccountCreator } from '../register-user/account-creator';
import { CreateAdminCommand, CreateAdminResult } from './create-admin.command';

@CommandHandler(CreateAdminCommand)
export class CreateAdminHandler implements ICommandHandler<CreateAdminCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly accounts: AccountCreator,
    private readonly commandBus: CommandBus,
  ) {}

  async execute(command: CreateAdminCommand): Promise<CreateAdminResult> {
    const email = command.email.trim().toLowerCase();
    const passwordHash = command.password ? await this.hasher.hash(command.password) : undefined;
    return this.em.transactional(async (em) => {
      const existing = await em.findOne(User, { email, deletedAt: null });
      if (existing) {
        const before = { role: existing.role };
        existing.role = 'admin';
        if (passwordHash) existing.passwordHash = passwordHash;
        await this.commandBus.execute(
          new RecordAuditCommand({
            actorId: null,
            action: 'user.role_changed',
            targetType: 'user',
            targetId: existing.id,
            before,
            after: { role: 'admin' },
            reason: 'promoted from the command line',
          }),
        );
        return { userId: existing.id, created: false };
      }
      if (!passwordHash) throw new Error('A new admin needs --password');
      const user = await this.accounts.create(
        em,
        { email, passwordHash, firstName: command.firstName, lastName: command.lastName, role: 'admin' },
        null,
        'cli',
      );
      return { userId: user.id, created: true };
    });
  }
}
