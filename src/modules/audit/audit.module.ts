import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { AuditLog } from './persistence/audit-log.entity';
import { RecordAuditHandler } from './commands/record-audit/record-audit.handler';

@Module({
  imports: [MikroOrmModule.forFeature([AuditLog])],
  providers: [RecordAuditHandler],
})
export class AuditModule {}
