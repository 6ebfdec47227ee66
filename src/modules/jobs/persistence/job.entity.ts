import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { JobStatus, JobType } from '@afs/contracts';

/**
 * PostgreSQL is the source of truth for jobs; Bull only carries them. `attempt` counts API-level
 * tries (each with its own credit reservation); `tries` counts runner tries within the attempt.
 */
@Entity({ tableName: 'jobs' })
export class Job {
  [OptionalProps]?: 'status' | 'attempt' | 'tries' | 'progress' | 'parameters' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  projectId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  type!: JobType;

  @Property({ type: 'text' })
  status: JobStatus = 'queued';

  @Property({ type: 'smallint' })
  priority!: number;

  @Property({ type: 'json' })
  parameters: Record<string, unknown> = {};

  @Property({ type: 'integer' })
  projectVersion!: number;

  @Property({ type: 'text' })
  projectStatusBefore!: string;

  @Property({ type: 'uuid', nullable: true })
  baseJobId?: string | null;

  @Property({ type: 'integer' })
  cost!: number;

  @Property({ type: 'integer' })
  attempt = 1;

  @Property({ type: 'integer' })
  tries = 0;

  @Property({ type: 'smallint' })
  progress = 0;

  @Property({ type: 'text', nullable: true })
  currentStep?: string | null;

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'text', nullable: true })
  failedStep?: string | null;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  /** Null while the job waits for a free slot of its owner's tier; set when handed to Bull. */
  @Property({ type: 'timestamptz', nullable: true })
  enqueuedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  cancelRequestedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
