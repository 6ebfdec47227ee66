import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { AuditLog } from '../../persistence/audit-log.entity';
import { RecordAuditCommand } from './record-audit.command';

@CommandHandler(RecordAuditCommand)
export class RecordAuditHandler implements ICommandHandler<RecordAuditCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ entry }: RecordAuditCommand): Promise<void> {
    const row = this.em.create(AuditLog, {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason ?? null,
      context: entry.context ?? null,
      createdAt: new Date(),
    });
    await this.em.persist(row).flush();
  }
}
