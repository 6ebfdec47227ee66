import type { EntityManager } from '@mikro-orm/postgresql';
import type { Auth } from 'googleapis';
import type { YouTubeUpload } from '../persistence/youtube-upload.entity';

/** One runner's hold on one upload: what the sender and the finisher work with. */
export interface UploadAttempt {
  em: EntityManager;
  upload: YouTubeUpload;
  client: Auth.OAuth2Client;
  /** Aborted when the API shuts down. */
  signal: AbortSignal;
  /** The lease this runner holds (UploadLease). */
  owner: string;
}

/** The lease ran out and another runner took the upload: this one stops without writing. */
export class LeaseLostError extends Error {
  constructor() {
    super('Another runner took over this upload.');
    this.name = 'LeaseLostError';
  }
}
