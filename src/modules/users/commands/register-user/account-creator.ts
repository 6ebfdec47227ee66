import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { isUniqueViolation } from '../../../../platform/database/unique-violation';
import { RecordAuditCommand } from '../../../audit/commands/record-audit/record-audit.command';
import { GrantAllowanceCommand } from '../../../credits/commands/grant-allowance/grant-allowance.command';
import { UserErrors } from '../../errors';
import { User } from '../../persistence/user.entity';
import type { RequestMeta } from '../../auth/request-meta';

export type NewAccount = Pick<User, 'email' | 'firstName' | 'lastName'> &
  Partial<Pick<User, 'passwordHash' | 'role' | 'tier' | 'googleSubject'>>;

/**
 * Creates an account inside the caller's transaction, with everything that must exist with it
 * (its audit row and its first credit allowance). Every way in (password, Google,
 * CLI) goes through here so none of them can forget a part.
 */
@Injectable()
export class AccountCreator {
  constructor(private readonly commandBus: CommandBus) {}

  async create(em: EntityManager, account: NewAccount, meta: RequestMeta | null, via: string): Promise<User> {
    if (await em.count(User, { email: account.email, deletedAt: null })) throw UserErrors.emailTaken();
    const user = em.create(User, {
      ...account,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    try {
      await em.flush();
    } catch (error) {
      // Two registrations of one email at once: the partial unique index decides.
      if (isUniqueViolation(error)) throw UserErrors.emailTaken();
      throw error;
    }
    await this.commandBus.execute(
      new RecordAuditCommand({
        actorId: user.id,
        action: 'user.registered',
        targetType: 'user',
        targetId: user.id,
        after: { email: user.email, tier: user.tier, role: user.role, via },
        context: meta ? { ip: meta.ip, requestId: meta.requestId } : null,
      }),
    );
    // The tier's first allowance, in this transaction: a registered user always has one. Keyed
    // `reset:<userId>:<YYYY-MM>:grant`, so the monthly reset of this month cannot grant again.
    await this.commandBus.execute(
      new GrantAllowanceCommand({
        userId: user.id,
        tier: user.tier,
        meta: { actorId: user.id, correlationId: meta?.requestId ?? null },
      }),
    );
    return user;
  }
}
