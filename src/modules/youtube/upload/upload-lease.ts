import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { YouTubeUpload } from '../persistence/youtube-upload.entity';

const MOVING = ['queued', 'uploading', 'processing', 'waiting_quota'] as const;

export type Claim = { held: true; owner: string } | { held: false; busyUntil: Date | null };

/**
 * One runner at a time per upload, whatever Bull does (a stalled job handed to a second process,
 * a recovered job beside a delayed one, a quota re-add): a runner works only while it holds the
 * row's lease, renews it before every chunk and step, and lets it go when it stops. A runner that
 * died simply lets it run out.
 */
@Injectable()
export class UploadLease {
  private readonly ms: number;

  constructor(
    private readonly orm: MikroORM,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Long enough for one chunk to time out: renewals come between chunks.
    this.ms = config.YOUTUBE_CHUNK_TIMEOUT_MS + 30_000;
  }

  /** Takes the lease of a moving upload at `attempt`; says until when another runner holds it. */
  async claim(uploadId: string, attempt: number): Promise<Claim> {
    const owner = randomUUID();
    const now = new Date();
    const taken = await this.orm.em.fork().nativeUpdate(
      YouTubeUpload,
      { id: uploadId, attempt, status: { $in: [...MOVING] }, $or: [{ leaseUntil: null }, { leaseUntil: { $lt: now } }] },
      { leaseOwner: owner, leaseUntil: this.until() },
    );
    if (taken) return { held: true, owner };
    const row = await this.orm.em.fork().findOne(YouTubeUpload, { id: uploadId, attempt, status: { $in: [...MOVING] } }, { fields: ['leaseUntil'] });
    return { held: false, busyUntil: row?.leaseUntil ?? null };
  }

  /** False when the lease was lost (it ran out and another runner took it): stop at once. */
  async renew(uploadId: string, owner: string): Promise<boolean> {
    return (await this.orm.em.fork().nativeUpdate(YouTubeUpload, { id: uploadId, leaseOwner: owner }, { leaseUntil: this.until() })) > 0;
  }

  async release(uploadId: string, owner: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(YouTubeUpload, { id: uploadId, leaseOwner: owner }, { leaseOwner: null, leaseUntil: null });
  }

  private until(): Date {
    return new Date(Date.now() + this.ms);
  }
}
