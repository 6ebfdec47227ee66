import { Command } from '@nestjs/cqrs';
import type { UploadView } from '../../http/upload.view';

/**
 * Queues a failed or cancelled upload (or one stuck moving, its runner gone) again as a new attempt. It keeps what was done: the bytes
 * YouTube confirmed (the session is resumed when still alive), and a video already created is
 * not uploaded twice, only finished.
 */
export class RetryUploadCommand extends Command<UploadView> {
  constructor(
    readonly userId: string,
    readonly uploadId: string,
  ) {
    super();
  }
}
