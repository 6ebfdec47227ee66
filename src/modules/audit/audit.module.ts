import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuditLog } from './persistence/audit-log.entity';
import { RecordAuditHandler } from './commands/record-audit/record-audit.handler';
import { ListAuditLogsHandler } from './queries/list-audit-logs/list-audit-logs.handler';

@Module({
  imports: [MikroOrmModule.forFeature([AuditLog])],
  providers: [RecordAuditHandler, ListAuditLogsHandler],
})
export class AuditModule {}
