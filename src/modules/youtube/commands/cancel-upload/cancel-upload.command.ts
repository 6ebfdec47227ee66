import { Command } from '@nestjs/cqrs';
import type { UploadView } from '../../http/upload.view';

/**
 * Stops an upload before its video exists on YouTube: a queued one at once, one in flight at its
 * next chunk. Once YouTube has the video there is nothing to cancel here (delete it on YouTube).
 */
export class CancelUploadCommand extends Command<UploadView> {
  constructor(
    readonly userId: string,
    readonly uploadId: string,
  ) {
    super();
  }
}
