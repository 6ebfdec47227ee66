import { Injectable, Logger } from '@nestjs/common';
import type { Job as BullJob } from 'bull';
import { ChannelReconnect } from '../google/channel-reconnect';
import { toYouTubeApiError, type YouTubeApiError } from '../google/youtube-api-error';
import type { YouTubeChannel } from '../persistence/youtube-channel.entity';
import { TokenUnreadableError } from '../tokens/token-cipher';
import { QuotaGate, quotaWaitMessage } from './quota-gate';
import type { UploadAttempt } from './upload-attempt';
import { UploadProgress } from './upload-progress';
import { UploadQueue, type UploadJobData } from './upload-queue';

/**
 * How an attempt that threw ends, by the kind of failure (YouTubeFailureKind):
 * - quota: the whole queue pauses until the reset and this upload waits in it;
 * - auth: the channel is marked for reconnection and the upload fails saying so;
 * - transient: back to Bull for another attempt while attempts are left;
 * - anything else, or no attempts left: failed, with YouTube's reason in words.
 * Once the video exists on YouTube nothing "fails" any more: what could not be finished becomes
 * a warning on a completed upload.
 */
@Injectable()
export class UploadFailurePolicy {
  private readonly logger = new Logger(UploadFailurePolicy.name);

  constructor(
    private readonly progress: UploadProgress,
    private readonly reconnect: ChannelReconnect,
    private readonly gate: QuotaGate,
    private readonly queue: UploadQueue,
  ) {}

  async handle(attempt: Pick<UploadAttempt, 'em' | 'upload'>, channel: YouTubeChannel | null, job: BullJob<UploadJobData>, error: unknown): Promise<void> {
    const { em, upload } = attempt;
    const failure = error instanceof TokenUnreadableError ? null : toYouTubeApiError(error, 'uploading');
    // The user reads only that something internal happened; what it was is for the operator.
    if (failure?.reason === 'internal') this.logger.error({ uploadId: upload.id, err: failure.cause }, 'an internal error interrupted an upload');
    const grantRefused = !failure || failure.kind === 'auth';
    if (grantRefused && channel) await this.reconnect.mark(channel, failure?.reason ?? 'token_unreadable');
    const attemptsLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    if (failure?.kind === 'transient' && attemptsLeft) return this.retryLater(attempt, failure);
    if (failure?.kind === 'quota') await this.gate.pause();

    if (upload.videoId) {
      this.progress.warn(upload, `The video is on YouTube, but finishing it stopped: ${failure?.message ?? 'the channel must be connected again.'}`);
      return this.progress.end(em, upload, 'completed', null, null);
    }
    if (failure?.kind === 'quota') return this.waitForQuota(attempt, failure);
    if (grantRefused && channel) return this.reconnectRequired(attempt, channel, failure?.reason ?? 'token_unreadable');
    await this.progress.end(em, upload, 'failed', failure?.message ?? 'The channel must be connected again.', failure?.reason ?? 'reconnect_required');
  }

  /** Fails an upload whose channel Google no longer accepts (the channel is already marked). */
  async reconnectRequired({ em, upload }: Pick<UploadAttempt, 'em' | 'upload'>, channel: YouTubeChannel, reason: string): Promise<void> {
    await this.progress.end(
      em,
      upload,
      'failed',
      `Google no longer accepts the access given for "${channel.title}" (${reason}): the grant was revoked or expired. Connect the channel again, then retry this upload; it continues where it stopped.`,
      'reconnect_required',
    );
  }

  private async retryLater({ em, upload }: Pick<UploadAttempt, 'em' | 'upload'>, failure: YouTubeApiError): Promise<never> {
    upload.error = `${failure.message} Trying again shortly; the upload continues from what YouTube already has.`;
    upload.errorReason = failure.reason;
    upload.leaseOwner = null;
    upload.leaseUntil = null;
    await this.progress.save(em, upload);
    throw failure;
  }

  private async waitForQuota({ em, upload }: Pick<UploadAttempt, 'em' | 'upload'>, failure: YouTubeApiError): Promise<void> {
    const until = (await this.gate.pausedUntil()) ?? new Date();
    upload.status = 'waiting_quota';
    upload.errorReason = failure.reason;
    upload.error = quotaWaitMessage(failure.reason, until);
    upload.leaseOwner = null;
    upload.leaseUntil = null;
    await this.progress.save(em, upload);
    // Waits in the paused queue; the resumed queue gives it to the next free process.
    await this.queue.add(upload.id, upload.attempt, `:quota:${Date.now()}`);
  }
}
