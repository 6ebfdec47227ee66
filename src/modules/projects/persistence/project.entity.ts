import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { RenderOptions } from '@afs/contracts';
import type { ModerationState, ProjectStatus } from '../domain/project-enums';

@Entity({ tableName: 'projects' })
export class Project {
  [OptionalProps]?: 'status' | 'moderationState' | 'currentVersion' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', lazy: true })
  script!: string;

  @Property({ type: 'json' })
  options!: RenderOptions;

  /** Bumped by every change of title, script or options; jobs render one version. */
  @Property({ type: 'integer' })
  currentVersion = 1;

  @Property({ type: 'text' })
  status: ProjectStatus = 'draft';

  @Property({ type: 'uuid', nullable: true })
  latestJobId?: string | null;

  @Property({ type: 'text' })
  moderationState: ModerationState = 'none';

  @Property({ type: 'text', nullable: true })
  moderationReason?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  deletedAt?: Date | null;
}
