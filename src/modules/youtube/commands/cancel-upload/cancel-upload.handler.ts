import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { UploadView } from '../../http/upload.view';
import { findOwnedUpload } from '../../persistence/owned-upload';
import { YouTubeErrors } from '../../errors';
import { UploadEvents } from '../../upload/upload-events';
import { UploadQueue } from '../../upload/upload-queue';
import { CancelUploadCommand } from './cancel-upload.command';

@CommandHandler(CancelUploadCommand)
export class CancelUploadHandler implements ICommandHandler<CancelUploadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly queue: UploadQueue,
    private readonly events: UploadEvents,
  ) {}

  async execute({ userId, uploadId }: CancelUploadCommand): Promise<UploadView> {
    const upload = await this.em.fork().transactional(async (em) => {
      const row = await findOwnedUpload(em, userId, uploadId, LockMode.PESSIMISTIC_WRITE);
      if (row.videoId || !['queued', 'uploading', 'waiting_quota'].includes(row.status)) throw YouTubeErrors.notCancellable(row.status);
      row.cancelRequestedAt ??= new Date();
      // Not started: take it off the queue and end it now. Started: the runner ends it between chunks.
      if (row.status !== 'uploading' && (await this.queue.removeIfWaiting(row.id, row.attempt))) {
        row.status = 'cancelled';
        row.finishedAt = new Date();
      }
      return row;
    });
    await this.events.changed(upload);
    return UploadView.of(upload);
  }
}
