import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** Append-only: the database refuses UPDATE and DELETE on this table (see its migration). */
@Entity({ tableName: 'audit_logs' })
@Index({ properties: ['actorId', 'createdAt'] })
@Index({ properties: ['targetType', 'targetId', 'createdAt'] })
@Index({ properties: ['action', 'createdAt'] })
export class AuditLog {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text' })
  targetType!: string;

  @Property({ type: 'text', nullable: true })
  targetId?: string | null;

  @Property({ type: 'json', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'json', nullable: true })
  after?: Record<string, unknown> | null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Property({ type: 'json', nullable: true })
  context?: Record<string, unknown> | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
