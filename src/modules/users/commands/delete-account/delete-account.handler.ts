import { Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { AccountDeletedEvent } from '../../events/account-deleted.event';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { CancelUserJobsCommand } from '../../../jobs/commands/cancel-user-jobs/cancel-user-jobs.command';
import { PasswordHasher } from '../../auth/password-hasher';
import { revokeSessions } from '../../auth/session-revoker';
import { UserErrors } from '../../errors';
import { User } from '../../persistence/user.entity';
import { DeleteAccountCommand } from './delete-account.command';

/**
 * Soft delete: the row stays for the ledger and the audit trail, the email is free again, and
 * every session ends. Accounts with a password must confirm it. The account's unfinished jobs are
 * cancelled (their credits released): nobody is left to see the films, and renders cost GPU time.
 * Should the process die between the delete and the cancel, the jobs reconciler cancels them.
 * Connected YouTube channels are revoked and forgotten (AccountDeletedEvent; swept again at start-up).
 */
@CommandHandler(DeleteAccountCommand)
export class DeleteAccountHandler implements ICommandHandler<DeleteAccountCommand> {
  private readonly logger = new Logger(DeleteAccountHandler.name);

  constructor(
    private readonly em: EntityManager,
    private readonly hasher: PasswordHasher,
    private readonly commandBus: CommandBus,
    private readonly events: EventBus,
  ) {}

  async execute({ userId, password, meta }: DeleteAccountCommand): Promise<void> {
    const user = await this.em.findOne(User, { id: userId, deletedAt: null });
    if (!user) throw UserErrors.userNotFound();
    if (user.passwordHash && !(await this.hasher.verify(password ?? '', user.passwordHash))) {
      throw UserErrors.wrongPassword();
    }
    await this.em.transactional(async (em) => {
      await em.nativeUpdate(User, { id: userId }, { deletedAt: new Date(), updatedAt: new Date() });
      await revokeSessions(em, { userId }, 'account deleted');
      await this.commandBus.execute(
        new RecordAuditCommand({
          actorId: userId,
          action: 'user.deleted',
          targetType: 'user',
          targetId: userId,
          before: { email: user.email },
          context: { ip: meta.ip, requestId: meta.requestId },
        }),
      );
    });
    this.events.publish(new AccountDeletedEvent(userId));
    // The account is gone whatever happens next: a cancel that fails (Redis away) is the jobs
    // reconciler's to finish, not a 500 for a client whose sessions have just ended.
    await this.commandBus.execute(new CancelUserJobsCommand(userId, 'account deleted')).catch((error: Error) =>
      this.logger.error({ err: error.message, userId }, "could not cancel a deleted account's jobs; the reconciler will"),
    );
  }
}
