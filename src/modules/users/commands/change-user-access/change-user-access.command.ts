import { Command } from '@nestjs/cqrs';
import type { Tier, UserRole } from '../../domain/user-enums';
import type { AdminUserView } from '../../queries/get-admin-user/admin-user.view';

/**
 * An admin changes an account's tier and/or role. The users module owns the tier; a change is
 * passed on to the credits ledger (ChangeTierCommand) in the same transaction, and the whole
 * change is audited there too (`user.tier_changed`, `user.role_changed`). An admin cannot demote
 * themself nor the last admin. Fields equal to the current ones change nothing.
 */
export class ChangeUserAccessCommand extends Command<AdminUserView> {
  constructor(
    readonly actorId: string,
    readonly userId: string,
    readonly changes: { tier?: Tier; role?: UserRole },
    readonly reason: string | null,
    readonly context: Record<string, unknown> | null = null,
  ) {
    super();
  }
}
