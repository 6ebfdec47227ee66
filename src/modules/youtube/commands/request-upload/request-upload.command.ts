import { Command } from '@nestjs/cqrs';
import type { PrivacyStatus } from '../../domain/upload-status';
import type { UploadView } from '../../http/upload.view';

export interface UploadRequest {
  channelId: string;
  jobId?: string;
  title?: string;
  description?: string;
  tags?: string[];
  categoryId?: string;
  privacyStatus: PrivacyStatus;
  publishAt?: string;
  playlistId?: string;
  madeForKids: boolean;
  containsSyntheticMedia: boolean;
}

export class RequestUploadCommand extends Command<{ upload: UploadView; created: boolean }> {
  constructor(
    readonly userId: string,
    readonly projectId: string,
    readonly request: UploadRequest,
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}
