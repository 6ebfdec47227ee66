import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Job as BullJob } from 'bull';
import type { Auth } from 'googleapis';
import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import { FINAL_UPLOAD_STATUSES } from '../domain/upload-status';
import type { VideoMetadata } from '../domain/video-metadata';
import { ChannelReconnect } from '../google/channel-reconnect';
import { toYouTubeApiError, YouTubeApiError } from '../google/youtube-api-error';
import { YouTubeClients } from '../google/youtube-clients';
import { YouTubeChannel } from '../persistence/youtube-channel.entity';
import { sessionUrlContext, YouTubeUpload } from '../persistence/youtube-upload.entity';
import { TokenUnreadableError } from '../tokens/token-cipher';
import { YouTubeSetup } from '../youtube-setup';
import { QuotaGate } from './quota-gate';
import { ResumableSession, SessionGoneError, type SessionState } from './resumable-session';
import { UploadEvents } from './upload-events';
import { UploadFiles } from './upload-files';
import { UploadQueue, type UploadJobData } from './upload-queue';

/** Bytes are 95% of the bar; thumbnail, captions and playlist the rest. */
const BYTES_SHARE = 95;

class ShutdownAbort extends Error {}

/**
 * Carries one upload attempt: the film through a resumable session (continuing a stored session
 * from the range Google confirmed), then the thumbnail, the caption track and the playlist item.
 * Each finished part is recorded, so a later attempt does only what is left. How a failure ends
 * depends on its kind (see YouTubeFailureKind): quota pauses the queue, auth marks the channel,
 * client errors fail with YouTube's reason, transient ones go back to Bull for another attempt.
 */
@Injectable()
export class UploadRunner implements OnModuleDestroy {
  private readonly logger = new Logger(UploadRunner.name);
  private readonly inFlight = new Set<AbortController>();
  private stopping = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly setup: YouTubeSetup,
    private readonly clients: YouTubeClients,
    private readonly files: UploadFiles,
    private readonly events: UploadEvents,
    private readonly reconnect: ChannelReconnect,
    private readonly gate: QuotaGate,
    private readonly queue: UploadQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Bull closes its queues only after the jobs in hand end; an upload can take minutes. Stopping
   * the chunk in flight ends the attempt at once, and the upload continues on the next process
   * from what Google confirmed.
   */
  onModuleDestroy(): void {
    this.stopping = true;
    for (const controller of this.inFlight) controller.abort(new ShutdownAbort('the API is shutting down'));
  }

  async run(job: BullJob<UploadJobData>): Promise<void> {
    const em = this.orm.em.fork();
    const upload = await em.findOne(YouTubeUpload, { id: job.data.uploadId });
    if (!upload || upload.attempt !== job.data.attempt || FINAL_UPLOAD_STATUSES.includes(upload.status)) return;
    if (upload.cancelRequestedAt && !upload.videoId) return this.end(em, upload, 'cancelled', null, null);
    const channel = upload.channelId ? await em.findOne(YouTubeChannel, { id: upload.channelId }) : null;
    if (!channel) return this.end(em, upload, 'failed', 'The channel was disconnected before the upload finished.', 'channel_disconnected');
    if (channel.status !== 'connected') return this.needsReconnect(em, upload, channel, channel.statusReason ?? 'needs_reconnect');

    const abort = new AbortController();
    this.inFlight.add(abort);
    try {
      const client = await this.clients.authorize(channel);
      upload.status = upload.videoId ? 'processing' : 'uploading';
      upload.startedAt ??= new Date();
      upload.error = null;
      upload.errorReason = null;
      await this.save(em, upload);
      if (!upload.videoId) {
        const sent = await this.sendFilm(em, upload, client, abort.signal);
        if (sent === 'cancelled') return this.end(em, upload, 'cancelled', null, null);
      }
      await this.finishVideo(em, upload, client);
      upload.progress = 100;
      await this.end(em, upload, 'completed', null, null);
    } catch (error) {
      if (this.stopping && abort.signal.aborted) throw error;
      await this.failed(em, upload, channel, job, error);
    } finally {
      this.inFlight.delete(abort);
    }
  }

  private async sendFilm(em: EntityManager, upload: YouTubeUpload, client: Auth.OAuth2Client, signal: AbortSignal): Promise<'sent' | 'cancelled'> {
    const { cipher } = this.setup.require();
    const film = await this.files.find(upload.userId, upload.jobId, 'film');
    if (!film) throw new YouTubeApiError('client', 'film_missing', 'The film of this job is no longer stored.');
    const session = new ResumableSession(client, this.config.YOUTUBE_CHUNK_TIMEOUT_MS);
    const total = film.size;
    let url = upload.sessionUrl ? cipher.open(upload.sessionUrl, sessionUrlContext(upload.id)) : null;
    let state: SessionState | null = null;
    if (url) {
      state = await session.status(url, total).catch((error: unknown) => {
        if (error instanceof SessionGoneError) return null;
        throw error;
      });
      if (state && !state.done) this.logger.log({ uploadId: upload.id, confirmed: state.confirmed }, 'resuming a YouTube upload');
    }
    if (!state) {
      url = await session.start(this.clients.rootUrl, videoResource(upload.metadata), total, film.contentType);
      upload.sessionUrl = cipher.seal(url, sessionUrlContext(upload.id));
      state = { done: false, confirmed: 0 };
    }

    let failures = 0;
    while (!state.done) {
      await this.recordBytes(em, upload, state.confirmed, total);
      if (await this.cancelRequested(upload.id)) return 'cancelled';
      const offset = state.confirmed;
      const chunk = await this.files.read(film, offset, Math.min(offset + this.config.YOUTUBE_UPLOAD_CHUNK_BYTES, total));
      try {
        state = await session.putChunk(url!, offset, chunk, total, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) throw signal.reason ?? error;
        if (error instanceof SessionGoneError) {
          // Google forgot the session (they last about a week): the film starts again.
          url = await session.start(this.clients.rootUrl, videoResource(upload.metadata), total, film.contentType);
          upload.sessionUrl = cipher.seal(url, sessionUrlContext(upload.id));
          state = { done: false, confirmed: 0 };
          continue;
        }
        const failure = toYouTubeApiError(error, 'uploading the film');
        if (failure.kind !== 'transient' || failures >= this.config.YOUTUBE_CHUNK_RETRIES) throw failure;
        failures += 1;
        this.logger.warn({ uploadId: upload.id, offset, failures, reason: failure.reason }, 'chunk failed; asking YouTube what arrived');
        await sleep(this.config.YOUTUBE_CHUNK_RETRY_DELAY_MS * 2 ** (failures - 1));
        // Resume from what Google says it stored, not from what we think we sent.
        state = await this.statusWithRetries(session, url!, total, failures);
      }
    }
    const video = state.video;
    if (!video.id) throw new YouTubeApiError('transient', 'no_video_id', 'YouTube finished the upload without a video id.');
    upload.videoId = video.id;
    upload.privacyStatus = video.status?.privacyStatus ?? null;
    upload.sessionUrl = null;
    upload.status = 'processing';
    await this.recordBytes(em, upload, total, total);
    return 'sent';
  }

  private async statusWithRetries(session: ResumableSession, url: string, total: number, failures: number): Promise<SessionState> {
    for (let tries = failures; ; tries += 1) {
      try {
        return await session.status(url, total);
      } catch (error) {
        const failure = error instanceof SessionGoneError ? error : toYouTubeApiError(error, 'asking how much of the upload arrived');
        if (failure instanceof SessionGoneError || failure.kind !== 'transient' || tries >= this.config.YOUTUBE_CHUNK_RETRIES) throw failure;
        await sleep(this.config.YOUTUBE_CHUNK_RETRY_DELAY_MS * 2 ** tries);
      }
    }
  }

  /** Thumbnail, captions, playlist: each recorded when done; a refusal becomes a warning, not a failed upload. */
  private async finishVideo(em: EntityManager, upload: YouTubeUpload, client: Auth.OAuth2Client): Promise<void> {
    const api = await this.clients.api(client);
    const videoId = upload.videoId!;
    const media = { rootUrl: this.clients.rootUrl };
    const m = upload.metadata;
    if (m.privacyStatus !== 'private' && upload.privacyStatus === 'private') {
      this.warn(
        upload,
        `YouTube made the video private although ${m.privacyStatus} was asked: videos uploaded through an API project that has not passed YouTube's audit are locked to private. ` +
          'You can change its visibility in YouTube Studio once the project is verified.',
      );
    }
    if (!upload.thumbnailSet) {
      const thumbnail = await this.files.find(upload.userId, upload.jobId, 'thumbnail');
      if (thumbnail) {
        upload.thumbnailSet = await this.optional(upload, 'set the thumbnail', async () => {
          await api.thumbnails.set({ videoId, media: { mimeType: thumbnail.contentType, body: await this.files.open(thumbnail) } }, media);
        });
        await this.recordStep(em, upload, 97);
      }
    }
    if (!upload.captionId) {
      const subtitles = await this.files.find(upload.userId, upload.jobId, 'subtitles_srt');
      if (subtitles) {
        await this.optional(upload, 'add the subtitles as captions', async () => {
          const res = await api.captions.insert(
            {
              part: ['snippet'],
              requestBody: { snippet: { videoId, language: m.language, name: 'Narration', isDraft: false } },
              media: { mimeType: 'application/x-subrip', body: await this.files.open(subtitles) },
            },
            media,
          );
          upload.captionId = res.data.id ?? null;
        });
        await this.recordStep(em, upload, 99);
      }
    }
    if (m.playlistId && !upload.playlistItemId) {
      await this.optional(upload, 'add the video to the playlist', async () => {
        const res = await api.playlistItems.insert({
          part: ['snippet'],
          requestBody: { snippet: { playlistId: m.playlistId!, resourceId: { kind: 'youtube#video', videoId } } },
        });
        upload.playlistItemId = res.data.id ?? null;
      });
    }
  }

  /** Runs a finishing call; YouTube refusing it (4xx) is a warning, anything else ends the attempt. */
  private async optional(upload: YouTubeUpload, what: string, call: () => Promise<void>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      const failure = toYouTubeApiError(error, `setting up the video`);
      if (failure.kind !== 'client') throw failure;
      this.warn(upload, `The video is on YouTube, but YouTube refused to ${what}: ${failure.reason}${failure.status ? ` (${failure.status})` : ''}. ${failure.message}`);
      return false;
    }
  }

  private warn(upload: YouTubeUpload, warning: string): void {
    if (!upload.warnings.includes(warning)) upload.warnings = [...upload.warnings, warning];
  }

  private async failed(em: EntityManager, upload: YouTubeUpload, channel: YouTubeChannel, job: BullJob<UploadJobData>, error: unknown): Promise<void> {
    if (error instanceof TokenUnreadableError) return this.needsReconnect(em, upload, channel, 'token_unreadable');
    const failure = toYouTubeApiError(error, 'uploading');
    if (failure.kind === 'quota') {
      const until = await this.gate.pause();
      upload.status = 'waiting_quota';
      upload.errorReason = failure.reason;
      upload.error =
        `YouTube's daily API quota for this installation is used up (${failure.reason}). ` +
        `Uploads are paused and this one continues by itself after ${until.toISOString()} (midnight Pacific time).`;
      await this.save(em, upload);
      // Waits in the paused queue; the resumed queue gives it to the next free process.
      await this.queue.add(upload.id, upload.attempt, `:quota:${Date.now()}`);
      return;
    }
    if (failure.kind === 'auth') return this.needsReconnect(em, upload, channel, failure.reason);
    const attemptsLeft = job.attemptsMade + 1 < (job.opts.attempts ?? 1);
    if (failure.kind === 'transient' && attemptsLeft) {
      upload.error = `${failure.message} Trying again shortly; the upload continues from what YouTube already has.`;
      upload.errorReason = failure.reason;
      await this.save(em, upload);
      throw failure;
    }
    await this.end(em, upload, 'failed', failure.message, failure.reason);
  }

  private async needsReconnect(em: EntityManager, upload: YouTubeUpload, channel: YouTubeChannel, reason: string): Promise<void> {
    await this.reconnect.mark(channel, reason);
    await this.end(
      em,
      upload,
      'failed',
      `Google no longer accepts the access given for "${channel.title}" (${reason}): the grant was revoked or expired. Connect the channel again, then retry this upload; it continues where it stopped.`,
      'reconnect_required',
    );
  }

  private async end(em: EntityManager, upload: YouTubeUpload, status: 'completed' | 'failed' | 'cancelled', error: string | null, reason: string | null): Promise<void> {
    upload.status = status;
    upload.error = error;
    upload.errorReason = reason;
    upload.finishedAt = new Date();
    await this.save(em, upload);
  }

  private async recordBytes(em: EntityManager, upload: YouTubeUpload, confirmed: number, total: number): Promise<void> {
    if (upload.bytesSent === confirmed && upload.progress > 0) return;
    upload.bytesSent = confirmed;
    upload.progress = Math.floor((confirmed / Math.max(total, 1)) * BYTES_SHARE);
    await this.save(em, upload);
  }

  private async recordStep(em: EntityManager, upload: YouTubeUpload, progress: number): Promise<void> {
    upload.progress = Math.max(upload.progress, progress);
    await this.save(em, upload);
  }

  private async save(em: EntityManager, upload: YouTubeUpload): Promise<void> {
    await em.flush();
    await this.events.changed(upload);
  }

  private async cancelRequested(uploadId: string): Promise<boolean> {
    const row = await this.orm.em.fork().findOne(YouTubeUpload, { id: uploadId }, { fields: ['cancelRequestedAt'] });
    return Boolean(row?.cancelRequestedAt);
  }
}

/** The video resource YouTube stores: snippet and status as the user asked. */
export function videoResource(m: VideoMetadata): youtube_v3.Schema$Video {
  return {
    snippet: {
      title: m.title,
      description: m.description,
      tags: m.tags.length ? m.tags : undefined,
      categoryId: m.categoryId,
      defaultLanguage: m.language,
      defaultAudioLanguage: m.language,
    },
    status: {
      privacyStatus: m.privacyStatus,
      publishAt: m.publishAt ?? undefined,
      selfDeclaredMadeForKids: m.madeForKids,
      // YouTube's disclosure for realistic altered or synthetic content: these films are AI-made.
      containsSyntheticMedia: m.containsSyntheticMedia,
      embeddable: true,
      license: 'youtube',
    },
  };
}

