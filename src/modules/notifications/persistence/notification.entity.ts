import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

@Entity({ tableName: 'notifications' })
export class Notification {
  [OptionalProps]?: 'data' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  /** job.completed, job.failed, credits.low, ... */
  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'json' })
  data: Record<string, unknown> = {};

  /** The same fact never notifies twice (an event delivered twice, two replicas). */
  @Property({ type: 'text', nullable: true })
  dedupeKey?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  readAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
