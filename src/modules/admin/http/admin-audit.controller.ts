import { Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiPage, ApiProblems } from '../../../platform/http/api-docs';
import type { Page } from '../../../platform/http/pagination';
import { AuditLogView } from '../../audit/queries/list-audit-logs/audit-log.view';
import { ListAuditLogsQuery } from '../../audit/queries/list-audit-logs/list-audit-logs.query';
import { dateRange } from '../errors';
import { AdminController } from './admin-route';
import { AuditLogsQueryDto } from './dto/admin.dto';

@AdminController()
export class AdminAuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('audit-logs')
  @ApiPage(AuditLogView)
  @ApiProblems(400)
  list(@Query() query: AuditLogsQueryDto): Promise<Page<AuditLogView>> {
    const { from, to } = dateRange(query.from, query.to, null);
    const filter = { actorId: query.actorId, action: query.action, targetType: query.targetType, targetId: query.targetId, from, to };
    return this.queries.execute(new ListAuditLogsQuery(filter, query.limit, query.cursor));
  }
}
