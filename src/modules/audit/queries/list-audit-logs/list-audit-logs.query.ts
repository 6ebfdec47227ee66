import { Query } from '@nestjs/cqrs';
import type { Page } from '../../../../platform/http/pagination';
import type { AuditLogView } from './audit-log.view';

export interface AuditLogFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/** The audit trail, newest first, keyset-paginated on (created_at, id). */
export class ListAuditLogsQuery extends Query<Page<AuditLogView>> {
  constructor(
    readonly filter: AuditLogFilter,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
