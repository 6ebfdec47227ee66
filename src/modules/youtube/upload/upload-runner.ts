import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Job as BullJob } from 'bull';
import { DomainError } from '../../../platform/http/domain-error';
import { GetRenderableProjectQuery } from '../../projects/queries/get-renderable-project/get-renderable-project.query';
import { YouTubeClients } from '../google/youtube-clients';
import { YouTubeChannel } from '../persistence/youtube-channel.entity';
import { YouTubeUpload } from '../persistence/youtube-upload.entity';
import { FilmSender } from './film-sender';
import { LeaseLostError, type UploadAttempt } from './upload-attempt';
import { UploadFailurePolicy } from './upload-failure-policy';
import { UploadLease } from './upload-lease';
import { UploadProgress } from './upload-progress';
import { UploadQueue, type UploadJobData } from './upload-queue';
import { VideoFinisher } from './video-finisher';

/** How long a shutting-down process waits for its uploads to put their chunk down. */
const SHUTDOWN_WAIT_MS = 15_000;

class ShutdownAbort extends Error {}

/**
 * Carries one upload attempt, under the upload's lease: checks that it may still go (not
 * cancelled, channel connected, project not under moderation), sends the film (FilmSender),
 * finishes the video (VideoFinisher) and ends it; failures end as UploadFailurePolicy says.
 */
@Injectable()
export class UploadRunner implements OnModuleDestroy {
  private readonly logger = new Logger(UploadRunner.name);
  private readonly running = new Map<AbortController, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly queries: QueryBus,
    private readonly clients: YouTubeClients,
    private readonly lease: UploadLease,
    private readonly sender: FilmSender,
    private readonly finisher: VideoFinisher,
    private readonly progress: UploadProgress,
    private readonly policy: UploadFailurePolicy,
    private readonly queue: UploadQueue,
  ) {}

  /**
   * Bull closes its queues only after the jobs in hand end, and an upload can take minutes. So on
   * shutdown this process stops taking uploads, stops the chunks in flight, lets go of their
   * leases and queues them again: another process (or this one, restarted) continues each from
   * what Google confirmed. All before the database and Redis connections close.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.queue.queue.pause(true, true).catch(() => undefined);
    for (const controller of this.running.keys()) controller.abort(new ShutdownAbort('the API is shutting down'));
    const settled = Promise.allSettled([...this.running.values()]);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_WAIT_MS).unref())]);
  }

  async run(job: BullJob<UploadJobData>): Promise<void> {
    const { uploadId, attempt } = job.data;
    if (this.stopping) return this.queue.add(uploadId, attempt, `:resume:${Date.now()}`);
    const claim = await this.lease.claim(uploadId, attempt);
    if (!claim.held) {
      // Another runner has it: look again when its lease would run out, in case it died.
      if (claim.busyUntil) await this.queue.add(uploadId, attempt, `:wait:${Date.now()}`, Math.max(0, claim.busyUntil.getTime() - Date.now()) + 1000);
      return;
    }
    const controller = new AbortController();
    const work = this.carry(job, claim.owner, controller.signal);
    this.running.set(controller, work);
    try {
      await work;
    } finally {
      this.running.delete(controller);
    }
  }

  private async carry(job: BullJob<UploadJobData>, owner: string, signal: AbortSignal): Promise<void> {
    const em = this.orm.em.fork();
    const upload = await em.findOneOrFail(YouTubeUpload, { id: job.data.uploadId });
    const channel = upload.channelId ? await em.findOne(YouTubeChannel, { id: upload.channelId }) : null;
    try {
      const blocked = await this.blocked(em, upload, channel);
      if (blocked) return;
      const attempt: UploadAttempt = { em, upload, client: await this.clients.authorize(channel!), signal, owner };
      upload.status = upload.videoId ? 'processing' : 'uploading';
      upload.startedAt ??= new Date();
      upload.error = null;
      upload.errorReason = null;
      await this.progress.save(em, upload);
      if (!upload.videoId) {
        const sent = await this.sender.send(attempt);
        if (sent === 'cancelled') return this.progress.end(em, upload, 'cancelled', null, null);
        if (sent === 'channel_gone') return this.progress.end(em, upload, 'cancelled', 'The channel was disconnected.', 'channel_disconnected');
        if (await this.cancelRequested(upload.id)) return this.removeUnwanted(attempt);
      }
      await this.finisher.finish(attempt);
      await this.progress.end(em, upload, 'completed', null, null);
    } catch (error) {
      if (error instanceof LeaseLostError) return;
      if (this.stopping && signal.aborted) return this.handBack(upload, owner);
      await this.policy.handle({ em, upload }, channel, job, error);
    }
  }

  /** Ends the upload before any call to Google when it may not go on; true when it did. */
  private async blocked(em: EntityManager, upload: YouTubeUpload, channel: YouTubeChannel | null): Promise<boolean> {
    const done = upload.videoId ? 'completed' : null;
    if (upload.cancelRequestedAt && !upload.videoId) return this.ended(this.progress.end(em, upload, 'cancelled', null, null));
    if (!channel) {
      if (done) this.progress.warn(upload, 'The channel was disconnected before the thumbnail, captions and playlist were set.');
      return this.ended(this.progress.end(em, upload, done ?? 'failed', done ? null : 'The channel was disconnected before the upload finished.', done ? null : 'channel_disconnected'));
    }
    if (channel.status !== 'connected') {
      if (done) {
        this.progress.warn(upload, `The video is on YouTube, but "${channel.title}" must be connected again to finish it.`);
        return this.ended(this.progress.end(em, upload, 'completed', null, null));
      }
      return this.ended(this.policy.reconnectRequired({ em, upload }, channel, channel.statusReason ?? 'needs_reconnect'));
    }
    if (!upload.videoId) {
      // Moderation may have changed while the upload waited (a quota pause lasts hours).
      try {
        await this.queries.execute(new GetRenderableProjectQuery(upload.userId, upload.projectId));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return this.ended(this.progress.end(em, upload, 'failed', `The project can no longer be published: ${error.message}`, error.code));
      }
    }
    return false;
  }

  /** The user cancelled while the last bytes were on their way: the video they did not want goes. */
  private async removeUnwanted(attempt: UploadAttempt): Promise<void> {
    const { em, upload } = attempt;
    try {
      await this.finisher.remove(attempt);
      upload.videoId = null;
      return this.progress.end(em, upload, 'cancelled', 'Cancelled after YouTube had the whole film: the video was deleted from the channel.', null);
    } catch (error) {
      this.logger.warn({ uploadId: upload.id, err: (error as Error).message }, 'could not delete the video of a cancelled upload');
      this.progress.warn(upload, 'The cancel came after YouTube had the whole film, and deleting the video failed: delete it in YouTube Studio if you do not want it.');
      return this.progress.end(em, upload, 'completed', null, null);
    }
  }

  /** Shutdown: the lease goes back and the upload is queued again for the next process. */
  private async handBack(upload: YouTubeUpload, owner: string): Promise<void> {
    await this.lease.release(upload.id, owner);
    await this.queue.add(upload.id, upload.attempt, `:resume:${Date.now()}`);
    this.logger.log({ uploadId: upload.id }, 'upload handed back for another process on shutdown');
  }

  private async cancelRequested(uploadId: string): Promise<boolean> {
    const row = await this.orm.em.fork().findOne(YouTubeUpload, { id: uploadId }, { fields: ['cancelRequestedAt'] });
    return Boolean(row?.cancelRequestedAt);
  }

  private async ended(ending: Promise<void>): Promise<true> {
    await ending;
    return true;
  }

  /**
   * Bull gave up on a job without this code ending the upload (it stalled, its process died,
   * more often than Bull allows): the upload fails in words instead of staying "uploading".
   */
  async abandoned(job: BullJob<UploadJobData>): Promise<void> {
    if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const em = this.orm.em.fork();
    const upload = await em.findOne(YouTubeUpload, {
      id: job.data.uploadId,
      attempt: job.data.attempt,
      status: { $in: ['queued', 'uploading', 'processing'] },
      $or: [{ leaseUntil: null }, { leaseUntil: { $lt: new Date() } }],
    });
    if (!upload) return;
    if (upload.videoId) {
      this.progress.warn(upload, 'The video is on YouTube, but finishing it was interrupted too often.');
      return this.progress.end(em, upload, 'completed', null, null);
    }
    await this.progress.end(em, upload, 'failed', 'The upload was interrupted too often. Retry it: it continues from what YouTube already has.', 'interrupted');
  }
}
