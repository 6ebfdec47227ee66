import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { DomainError } from '../../../../platform/http/domain-error';
import { UserErrors } from '../../errors';
import { User } from '../../persistence/user.entity';

export const AdminUserErrors = {
  selfAction: (what: string) =>
    new DomainError('ADMIN.SELF_ACTION', 409, 'Not on your own account', `An admin cannot ${what} their own account.`),
  lastAdmin: () =>
    new DomainError(
      'ADMIN.LAST_ADMIN',
      409,
      'Last admin',
      'This is the last active admin; promote another account to admin first.',
    ),
  statusUnchanged: (status: string) =>
    new DomainError('USER.STATUS_UNCHANGED', 409, 'Nothing to change', `The account is already ${status}.`),
};

/**
 * Locks every active admin row (in id order, so two admins acting at once cannot deadlock) and then
 * the target, so "is this the last admin?" stays true until the transaction ends.
 */
export async function lockForAdminAction(em: EntityManager, userId: string): Promise<{ user: User; activeAdminIds: string[] }> {
  const admins: { id: string }[] = await em.execute(
    `select id from users where role = 'admin' and status = 'active' and deleted_at is null order by id for update`,
  );
  const user = await em.findOne(User, { id: userId, deletedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!user) throw UserErrors.userNotFound();
  return { user, activeAdminIds: admins.map((a) => a.id) };
}

/** Refuses to take away the last active admin. */
export function assertNotLastAdmin(user: User, activeAdminIds: string[]): void {
  if (activeAdminIds.includes(user.id) && activeAdminIds.length <= 1) throw AdminUserErrors.lastAdmin();
}
