import { ApiProperty } from '@nestjs/swagger';
import type { AuditLog } from '../../persistence/audit-log.entity';

export class AuditLogView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, description: 'Null for the system and the command line.' }) actorId!: string | null;
  @ApiProperty({ example: 'user.suspended' }) action!: string;
  @ApiProperty({ example: 'user' }) targetType!: string;
  @ApiProperty({ nullable: true }) targetId!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) after!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true }) context!: Record<string, unknown> | null;
  @ApiProperty() createdAt!: string;

  static of(row: AuditLog): AuditLogView {
    return {
      id: row.id,
      actorId: row.actorId ?? null,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId ?? null,
      before: row.before ?? null,
      after: row.after ?? null,
      reason: row.reason ?? null,
      context: row.context ?? null,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
