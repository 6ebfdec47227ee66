import { Command } from '@nestjs/cqrs';
import type { AdminUserView } from '../../queries/get-admin-user/admin-user.view';

/** An admin lifts a suspension. Audited (`user.reactivated`) in the same transaction. */
export class ReactivateUserCommand extends Command<AdminUserView> {
  constructor(
    readonly actorId: string,
    readonly userId: string,
    readonly reason: string | null,
    readonly context: Record<string, unknown> | null = null,
  ) {
    super();
  }
}
