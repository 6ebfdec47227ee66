import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { decodeCursor, Page, toPage } from '../../../../platform/http/pagination';
import { AuditLog } from '../../persistence/audit-log.entity';
import { AuditLogView } from './audit-log.view';
import { ListAuditLogsQuery } from './list-audit-logs.query';

@QueryHandler(ListAuditLogsQuery)
export class ListAuditLogsHandler implements IQueryHandler<ListAuditLogsQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute({ filter, limit, cursor }: ListAuditLogsQuery): Promise<Page<AuditLogView>> {
    const after = decodeCursor(cursor, { t: 'time', id: 'uuid' });
    const and: FilterQuery<AuditLog>[] = [];
    if (filter.actorId) and.push({ actorId: filter.actorId });
    if (filter.action) and.push({ action: filter.action });
    if (filter.targetType) and.push({ targetType: filter.targetType });
    if (filter.targetId) and.push({ targetId: filter.targetId });
    if (filter.from) and.push({ createdAt: { $gte: filter.from } });
    if (filter.to) and.push({ createdAt: { $lt: filter.to } });
    if (after) {
      and.push({ $or: [{ createdAt: { $lt: new Date(after.t) } }, { createdAt: new Date(after.t), id: { $lt: after.id } }] });
    }
    const rows = await this.em
      .fork()
      .find(AuditLog, and.length ? { $and: and } : {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: limit + 1 });
    return toPage(rows, limit, AuditLogView.of, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
  }
}
