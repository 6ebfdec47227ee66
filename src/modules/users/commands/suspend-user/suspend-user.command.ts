import { Command } from '@nestjs/cqrs';
import type { AdminUserView } from '../../queries/get-admin-user/admin-user.view';

/**
 * An admin suspends an account: it can no longer sign in and every session ends at once. Audited
 * (`user.suspended`) in the same transaction. Refuses the admin's own account and the last admin.
 */
export class SuspendUserCommand extends Command<AdminUserView> {
  constructor(
    readonly actorId: string,
    readonly userId: string,
    readonly reason: string,
    readonly context: Record<string, unknown> | null = null,
  ) {
    super();
  }
}
