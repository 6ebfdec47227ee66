import { Command } from '@nestjs/cqrs';
import type { ModerationItemView } from '../../queries/list-moderation/moderation-item.view';

export type ModerationDecision = 'approve' | 'reject';

/**
 * A moderator's decision. Approve: a pending (or rejected) project may be rendered again. Reject: a
 * project that is not already rejected can no longer be rendered (its unfinished jobs are cancelled,
 * releasing their credits); the reason is shown to its owner.
 * Audited (`project.approved` / `project.rejected`) in the same transaction. Throws
 * PROJECT.NOT_FOUND 404, PROJECT.MODERATION_CONFLICT 409.
 */
export class ModerateProjectCommand extends Command<ModerationItemView> {
  constructor(
    readonly actorId: string,
    readonly projectId: string,
    readonly decision: ModerationDecision,
    readonly reason: string | null,
    readonly context: Record<string, unknown> | null = null,
  ) {
    super();
  }
}
