import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { APP_CONFIG, AppConfig } from '../../../../platform/config/config';
import { MailOutbox } from '../../../../platform/mail/mail-outbox';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { hashSecretToken, newSecretToken } from '../../auth/secret-token';
import { OneTimeToken } from '../../persistence/one-time-token.entity';
import { User } from '../../persistence/user.entity';
import { passwordResetMail } from './password-reset.mail';
import { RequestPasswordResetCommand } from './request-password-reset.command';

/**
 * Answers the same whether or not the email has an account, so the endpoint cannot be used to
 * find out who is a customer. The mail is queued in the outbox in the same transaction as the
 * token, so a token never exists without its mail, nor a mail without its token.
 */
@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly outbox: MailOutbox,
    private readonly commandBus: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ email, meta }: RequestPasswordResetCommand): Promise<void> {
    await this.em.transactional(async (em) => {
      const user = await em.findOne(User, { email: email.toLowerCase(), deletedAt: null, status: 'active' });
      if (!user) return;
      const token = newSecretToken();
      const ttlMinutes = this.config.PASSWORD_RESET_TTL_MINUTES;
      em.create(OneTimeToken, {
        userId: user.id,
        purpose: 'password_reset',
        tokenHash: hashSecretToken(token),
        expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
        createdAt: new Date(),
      });
      const link = new URL('/reset-password', this.config.APP_URL);
      link.searchParams.set('token', token);
      this.outbox.enqueue(passwordResetMail(user, link.toString(), ttlMinutes));
      await this.commandBus.execute(
        new RecordAuditCommand({
          actorId: null,
          action: 'user.password_reset_requested',
          targetType: 'user',
          targetId: user.id,
          context: { ip: meta.ip, requestId: meta.requestId },
        }),
      );
    });
  }
}
