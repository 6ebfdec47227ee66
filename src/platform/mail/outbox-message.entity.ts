import { Entity, OptionalProps, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

/**
 * Side effects that must follow a committed change (mail today) are written here in the same
 * transaction as the change, then delivered by a worker that retries until it succeeds.
 */
@Entity({ tableName: 'outbox' })
@Index({ properties: ['status', 'nextAttemptAt'] })
export class OutboxMessage {
  [OptionalProps]?: 'status' | 'attempts' | 'nextAttemptAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  topic!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'text' })
  status: OutboxStatus = 'pending';

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;
}
