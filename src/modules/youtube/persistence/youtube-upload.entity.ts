import { BigIntType, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { VideoMetadata } from '../domain/video-metadata';
import type { UploadStatus } from '../domain/upload-status';

/**
 * One film going to one channel. The resumable session URL is kept (sealed: it lets anyone
 * holding it write into the upload) so a later attempt, or another API process after a restart,
 * continues from the byte range Google confirmed.
 */
@Entity({ tableName: 'youtube_uploads' })
export class YouTubeUpload {
  [OptionalProps]?: 'status' | 'bytesSent' | 'progress' | 'thumbnailSet' | 'warnings' | 'attempt' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'uuid' })
  projectId!: string;

  @Property({ type: 'uuid' })
  jobId!: string;

  /** Null once the channel is disconnected; the title stays for the history. */
  @Property({ type: 'uuid', nullable: true })
  channelId?: string | null;

  @Property({ type: 'text' })
  channelTitle!: string;

  @Property({ type: 'text' })
  status: UploadStatus = 'queued';

  @Property({ type: 'json' })
  metadata!: VideoMetadata;

  @Property({ type: new BigIntType('number') })
  totalBytes!: number;

  @Property({ type: new BigIntType('number') })
  bytesSent = 0;

  @Property({ type: 'smallint' })
  progress = 0;

  @Property({ type: 'text', nullable: true, hidden: true })
  sessionUrl?: string | null;

  @Property({ type: 'text', nullable: true })
  videoId?: string | null;

  /** What YouTube applied, which may differ from what was asked (unverified API projects). */
  @Property({ type: 'text', nullable: true })
  privacyStatus?: string | null;

  @Property({ type: 'boolean' })
  thumbnailSet = false;

  @Property({ type: 'text', nullable: true })
  captionId?: string | null;

  @Property({ type: 'text', nullable: true })
  playlistItemId?: string | null;

  /** Things the user should know that did not stop the upload, in words. */
  @Property({ type: 'json' })
  warnings: string[] = [];

  @Property({ type: 'text', nullable: true })
  error?: string | null;

  /** YouTube's reason code (quotaExceeded, uploadLimitExceeded, ...) or ours. */
  @Property({ type: 'text', nullable: true })
  errorReason?: string | null;

  /** Bumped by retry; the Bull job id carries it so a retried upload is a new queue entry. */
  @Property({ type: 'integer' })
  attempt = 1;

  @Property({ type: 'text', nullable: true })
  idempotencyKey?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  cancelRequestedAt?: Date | null;

  /** Which runner holds the upload, and until when (see UploadLease). */
  @Property({ type: 'text', nullable: true })
  leaseOwner?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

export const sessionUrlContext = (uploadId: string) => `youtube-upload:${uploadId}:session`;
