import { BigIntType, Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { AssetKind } from '@afs/contracts';

/**
 * One file a job produced, already in storage. Rows are immutable: a retried job that produces a
 * file again is a new job with its own rows. `storageKey` comes only from the runner's result, never
 * from a request.
 */
@Entity({ tableName: 'assets' })
// NULLS NOT DISTINCT in the migration (one film per job); the decorator cannot say so.
@Unique({ name: 'assets_job_file_uq', properties: ['jobId', 'kind', 'sceneIndex'] })
export class Asset {
  [OptionalProps]?: 'createdAt' | 'durationSeconds' | 'width' | 'height' | 'sceneIndex';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  projectId!: string;

  @Property({ type: 'uuid' })
  jobId!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  kind!: AssetKind;

  @Property({ type: 'text' })
  storageKey!: string;

  // Films pass 2 GiB easily; a JS number holds exact byte counts up to 8 PiB.
  @Property({ type: new BigIntType('number') })
  size!: number;

  @Property({ type: 'text' })
  contentType!: string;

  /** sha256 of the bytes, hex; also the download's ETag. */
  @Property({ type: 'text' })
  checksum!: string;

  @Property({ type: 'double', nullable: true })
  durationSeconds?: number | null;

  @Property({ type: 'integer', nullable: true })
  width?: number | null;

  @Property({ type: 'integer', nullable: true })
  height?: number | null;

  /** Per-scene kinds (stills): the scene's index in scenes.json, from 0. */
  @Property({ type: 'integer', nullable: true })
  sceneIndex?: number | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
