import { Command } from '@nestjs/cqrs';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
  /** Request id, client address: where the action came from. */
  context?: Record<string, unknown> | null;
}

/**
 * Dispatch it inside the transaction of the change it records: the handler writes through the
 * transaction's entity manager, so the row commits or rolls back with the change.
 */
export class RecordAuditCommand extends Command<void> {
  constructor(readonly entry: AuditEntry) {
    super();
  }
}
