import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { YouTubeErrors } from '../../errors';
import { UploadView } from '../../http/upload.view';
import { findUsableChannel } from '../../persistence/owned-channel';
import { findOwnedUpload } from '../../persistence/owned-upload';
import { QuotaGate, quotaWaitMessage } from '../../upload/quota-gate';
import { UploadEvents } from '../../upload/upload-events';
import { UploadQueue } from '../../upload/upload-queue';
import { YouTubeSetup } from '../../youtube-setup';
import { RetryUploadCommand } from './retry-upload.command';

@CommandHandler(RetryUploadCommand)
export class RetryUploadHandler implements ICommandHandler<RetryUploadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly setup: YouTubeSetup,
    private readonly queue: UploadQueue,
    private readonly events: UploadEvents,
    private readonly gate: QuotaGate,
  ) {}

  async execute({ userId, uploadId }: RetryUploadCommand): Promise<UploadView> {
    this.setup.require();
    const quotaPausedUntil = await this.gate.pausedAfter();
    const upload = await this.em.fork().transactional(async (em) => {
      const row = await findOwnedUpload(em, userId, uploadId, LockMode.PESSIMISTIC_WRITE);
      // A moving upload whose runner vanished (lease run out, no job left) may be started again too.
      const stuck = (row.status === 'uploading' || row.status === 'processing') && (!row.leaseUntil || row.leaseUntil < new Date());
      if (row.status !== 'failed' && row.status !== 'cancelled' && !stuck) throw YouTubeErrors.notRetryable(row.status);
      if (!row.channelId) throw YouTubeErrors.channelNotFound();
      // A channel that still needs reconnecting would fail the same way: say so now.
      await findUsableChannel(em, userId, row.channelId);
      row.status = quotaPausedUntil ? 'waiting_quota' : 'queued';
      row.attempt += 1;
      row.error = quotaPausedUntil ? quotaWaitMessage('quotaExceeded', quotaPausedUntil) : null;
      row.errorReason = quotaPausedUntil ? 'quotaExceeded' : null;
      row.cancelRequestedAt = null;
      row.finishedAt = null;
      row.leaseOwner = null;
      row.leaseUntil = null;
      return row;
    });
    await this.queue.add(upload.id, upload.attempt);
    await this.events.changed(upload);
    return UploadView.of(upload);
  }
}
