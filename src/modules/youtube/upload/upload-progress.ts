import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { YouTubeUpload } from '../persistence/youtube-upload.entity';
import { UploadEvents } from './upload-events';

/** Bytes are 95% of the bar; thumbnail, captions and playlist the rest. */
const BYTES_SHARE = 95;

/** Saves where an upload stands and tells the user's live streams, in one place. */
@Injectable()
export class UploadProgress {
  constructor(private readonly events: UploadEvents) {}

  async save(em: EntityManager, upload: YouTubeUpload): Promise<void> {
    await em.flush();
    await this.events.changed(upload);
  }

  async bytes(em: EntityManager, upload: YouTubeUpload, confirmed: number): Promise<void> {
    if (upload.bytesSent === confirmed && upload.progress > 0) return;
    upload.bytesSent = confirmed;
    upload.progress = Math.floor((confirmed / Math.max(upload.totalBytes, 1)) * BYTES_SHARE);
    await this.save(em, upload);
  }

  async step(em: EntityManager, upload: YouTubeUpload, progress: number): Promise<void> {
    upload.progress = Math.max(upload.progress, progress);
    await this.save(em, upload);
  }

  async end(em: EntityManager, upload: YouTubeUpload, status: 'completed' | 'failed' | 'cancelled', error: string | null, reason: string | null): Promise<void> {
    upload.status = status;
    upload.error = error;
    upload.errorReason = reason;
    upload.finishedAt = new Date();
    if (status === 'completed') upload.progress = 100;
    upload.leaseOwner = null;
    upload.leaseUntil = null;
    await this.save(em, upload);
  }

  warn(upload: YouTubeUpload, warning: string): void {
    if (!upload.warnings.includes(warning)) upload.warnings = [...upload.warnings, warning];
  }
}
