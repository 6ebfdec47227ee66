import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Project } from './project.entity';
import { randomUUID } from 'node:crypto';
import type { RenderOptions } from '@afs/contracts';

/** An immutable snapshot of what a render of this version will use. */
@Entity({ tableName: 'project_versions' })
@Unique({ properties: ['projectId', 'version'] })
export class ProjectVersion {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // A relation so the unit of work inserts the project before its first version.
  @ManyToOne(() => Project, { mapToPk: true, fieldName: 'project_id' })
  projectId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text' })
  script!: string;

  @Property({ type: 'json' })
  options!: RenderOptions;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
