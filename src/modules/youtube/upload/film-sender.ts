import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import { setTimeout as sleep } from 'node:timers/promises';
import { StorageNotFoundError } from '@afs/storage';
import { APP_CONFIG, type AppConfig } from '../../../platform/config/config';
import type { JobFile } from '../../assets/queries/get-job-file/get-job-file.query';
import type { VideoMetadata } from '../domain/video-metadata';
import { toYouTubeApiError, YouTubeApiError } from '../google/youtube-api-error';
import { YouTubeClients } from '../google/youtube-clients';
import { sessionUrlContext, YouTubeUpload } from '../persistence/youtube-upload.entity';
import { YouTubeSetup } from '../youtube-setup';
import { ResumableSession, SessionGoneError, type SessionState } from './resumable-session';
import { LeaseLostError, type UploadAttempt } from './upload-attempt';
import { UploadFiles } from './upload-files';
import { UploadLease } from './upload-lease';
import { UploadProgress } from './upload-progress';

export type SendOutcome = 'sent' | 'cancelled' | 'channel_gone';

/**
 * Sends the film through a resumable session: continues a stored session from the range Google
 * confirmed, or starts one (again, when Google forgot it). A cut connection, a timeout or a 5xx
 * costs a short wait and a question to Google about what arrived, not the bytes already there.
 */
@Injectable()
export class FilmSender {
  private readonly logger = new Logger(FilmSender.name);

  constructor(
    private readonly orm: MikroORM,
    private readonly setup: YouTubeSetup,
    private readonly clients: YouTubeClients,
    private readonly files: UploadFiles,
    private readonly lease: UploadLease,
    private readonly progress: UploadProgress,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(attempt: UploadAttempt): Promise<SendOutcome> {
    const { em, upload, signal } = attempt;
    const film = await this.files.find(upload.userId, upload.jobId, 'film');
    // Checked before a session is started: a session costs quota, and a missing file does not come back by retrying.
    if (!film || !(await this.files.isStored(film))) throw filmMissing();
    const session = new ResumableSession(attempt.client, this.config.YOUTUBE_CHUNK_TIMEOUT_MS);
    let url = upload.sessionUrl ? this.setup.require().cipher.open(upload.sessionUrl, sessionUrlContext(upload.id)) : null;
    let state: SessionState | null = url ? await this.resumeState(session, url, film.size, 0, signal) : null;
    if (!url || !state) ({ url, state } = await this.startSession(attempt, session, film));
    if (!state.done && state.confirmed > 0) this.logger.log({ uploadId: upload.id, confirmed: state.confirmed }, 'resuming a YouTube upload');

    let failures = 0;
    while (!state.done) {
      await this.progress.bytes(em, upload, state.confirmed);
      const stop = await this.stopRequested(attempt);
      if (stop) return stop;
      const offset = state.confirmed;
      const chunk = await this.readChunk(film, offset);
      try {
        state = await session.putChunk(url, offset, chunk, film.size, signal);
      } catch (error) {
        if (signal.aborted) throw signal.reason ?? error;
        const gone = error instanceof SessionGoneError;
        const failure = gone ? null : toYouTubeApiError(error, 'uploading the film');
        if (failure && (failure.kind !== 'transient' || failures >= this.config.YOUTUBE_CHUNK_RETRIES)) throw failure;
        if (gone && failures >= this.config.YOUTUBE_CHUNK_RETRIES) throw new YouTubeApiError('transient', 'session_gone', 'YouTube kept forgetting the upload session.');
        failures += 1;
        if (!gone) {
          this.logger.warn({ uploadId: upload.id, offset, failures, reason: failure!.reason }, 'chunk failed; asking YouTube what arrived');
          await sleep(this.delay(failures), undefined, { signal });
        }
        // Resume from what Google says it stored, not from what we think we sent.
        const resumed = gone ? null : await this.resumeState(session, url, film.size, failures, signal);
        if (!resumed) ({ url, state } = await this.startSession(attempt, session, film));
        else state = resumed;
        continue;
      }
      if (state.done || state.confirmed > offset) {
        failures = 0;
        continue;
      }
      // "Keep going" with a Range that did not move: the chunk is sent again as Google asks, but
      // counted, or a Google that never stores it would be sent it for ever.
      if (failures >= this.config.YOUTUBE_CHUNK_RETRIES) {
        throw new YouTubeApiError('transient', 'no_progress', `YouTube stored none of the bytes sent from byte ${offset}, ${failures + 1} times in a row.`);
      }
      failures += 1;
      this.logger.warn({ uploadId: upload.id, offset, confirmed: state.confirmed, failures }, 'YouTube stored none of the chunk; sending it again');
      await sleep(this.delay(failures), undefined, { signal });
    }
    const video = state.video;
    if (!video.id) throw new YouTubeApiError('transient', 'no_video_id', 'YouTube finished the upload without a video id.');
    upload.videoId = video.id;
    upload.privacyStatus = video.status?.privacyStatus ?? null;
    upload.sessionUrl = null;
    upload.status = 'processing';
    await this.progress.bytes(em, upload, film.size);
    return 'sent';
  }

  private async readChunk(film: JobFile, offset: number): Promise<Buffer> {
    try {
      return await this.files.read(film, offset, Math.min(offset + this.config.YOUTUBE_UPLOAD_CHUNK_BYTES, film.size));
    } catch (error) {
      if (error instanceof StorageNotFoundError) throw filmMissing();
      throw error;
    }
  }

  /** Google's confirmed range for a stored session, or null when Google forgot the session. */
  private async resumeState(session: ResumableSession, url: string, total: number, failures: number, signal: AbortSignal): Promise<SessionState | null> {
    for (let tries = failures; ; tries += 1) {
      try {
        return await session.status(url, total, signal);
      } catch (error) {
        if (error instanceof SessionGoneError) return null;
        if (signal.aborted) throw signal.reason ?? error;
        const failure = toYouTubeApiError(error, 'asking how much of the upload arrived');
        if (failure.kind !== 'transient' || tries >= this.config.YOUTUBE_CHUNK_RETRIES) throw failure;
        await sleep(this.delay(tries + 1), undefined, { signal });
      }
    }
  }

  /** A new session (the film starts again from its first byte), its URL sealed on the row at once. */
  private async startSession(attempt: UploadAttempt, session: ResumableSession, film: JobFile): Promise<{ url: string; state: SessionState }> {
    const { upload } = attempt;
    const url = await session.start(this.clients.rootUrl, videoResource(upload.metadata), film.size, film.contentType, attempt.signal);
    upload.sessionUrl = this.setup.require().cipher.seal(url, sessionUrlContext(upload.id));
    upload.bytesSent = 0;
    await this.progress.save(attempt.em, upload);
    return { url, state: { done: false, confirmed: 0 } };
  }

  /** Between chunks: the lease renewed, and the user's cancel or a disconnected channel heard. */
  private async stopRequested(attempt: UploadAttempt): Promise<'cancelled' | 'channel_gone' | null> {
    attempt.signal.throwIfAborted();
    if (!(await this.lease.renew(attempt.upload.id, attempt.owner))) throw new LeaseLostError();
    const row = await this.orm.em.fork().findOne(YouTubeUpload, { id: attempt.upload.id }, { fields: ['cancelRequestedAt', 'channelId'] });
    if (!row?.channelId) return 'channel_gone';
    return row.cancelRequestedAt ? 'cancelled' : null;
  }

  private delay(failures: number): number {
    return this.config.YOUTUBE_CHUNK_RETRY_DELAY_MS * 2 ** Math.max(0, failures - 1);
  }
}

const filmMissing = () => new YouTubeApiError('client', 'film_missing', 'The film of this job is no longer stored; render the project again to upload it.');

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
