import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { isDeepStrictEqual } from 'node:util';
import { isUniqueViolation } from '../../../../platform/database/unique-violation';
import { GetJobQuery } from '../../../jobs/queries/get-job/get-job.query';
import { GetLatestFilmJobQuery } from '../../../jobs/queries/get-latest-film-job/get-latest-film-job.query';
import { GetRenderableProjectQuery } from '../../../projects/queries/get-renderable-project/get-renderable-project.query';
import { DEFAULT_CATEGORY_ID, videoMetadataErrors, YOUTUBE_LIMITS, type VideoMetadata } from '../../domain/video-metadata';
import { YouTubeErrors } from '../../errors';
import { ChannelPlaylists } from '../../google/channel-playlists';
import { UploadView } from '../../http/upload.view';
import { findUsableChannel } from '../../persistence/owned-channel';
import { YouTubeUpload } from '../../persistence/youtube-upload.entity';
import { UploadEvents } from '../../upload/upload-events';
import { QuotaGate, quotaWaitMessage } from '../../upload/quota-gate';
import { UploadFiles } from '../../upload/upload-files';
import { UploadQueue } from '../../upload/upload-queue';
import { YouTubeSetup } from '../../youtube-setup';
import { RequestUploadCommand, type UploadRequest } from './request-upload.command';

/** The reason YouTube gave when it refused the call that paused uploads. */
const QUOTA_PAUSED = 'quotaExceeded';

/**
 * Checks everything YouTube would refuse, and everything we would (someone else's channel, a
 * project under moderation, a job without a film), before a byte is sent; then stores the upload
 * and queues it. An Idempotency-Key resubmission answers the first upload.
 */
@CommandHandler(RequestUploadCommand)
export class RequestUploadHandler implements ICommandHandler<RequestUploadCommand> {
  constructor(
    private readonly em: EntityManager,
    private readonly setup: YouTubeSetup,
    private readonly queries: QueryBus,
    private readonly queue: UploadQueue,
    private readonly events: UploadEvents,
    private readonly files: UploadFiles,
    private readonly gate: QuotaGate,
    private readonly playlists: ChannelPlaylists,
  ) {}

  async execute(command: RequestUploadCommand): Promise<{ upload: UploadView; created: boolean }> {
    this.setup.require();
    const earlier = await this.findByKey(command);
    if (earlier) return this.replay(earlier, command);

    const project = await this.queries.execute(new GetRenderableProjectQuery(command.userId, command.projectId));
    const metadata = metadataOf(command.request, project.title, project.options.language);
    const errors = videoMetadataErrors(metadata);
    if (errors.length) throw YouTubeErrors.invalid(errors);
    const channel = await findUsableChannel(this.em.fork(), command.userId, command.request.channelId);
    const jobId = await this.filmJob(command);
    const film = await this.files.find(command.userId, jobId, 'film');
    if (!film) throw YouTubeErrors.noFilm();
    if (!(await this.files.isStored(film))) throw YouTubeErrors.filmMissing();
    // Last, as it asks YouTube: a playlist of another channel would only fail after the whole film was sent.
    if (metadata.playlistId && (await this.playlists.belongsTo(channel, metadata.playlistId)) === false) {
      throw YouTubeErrors.invalid([{ field: 'playlistId', messages: [`must be a playlist of the channel "${channel.title}"`] }]);
    }

    // Queued in a queue paused for hours would say nothing of why it does not move.
    const quotaPausedUntil = await this.gate.pausedAfter();
    let upload: YouTubeUpload;
    try {
      upload = await this.em.fork().transactional(async (em) => {
        // The channel again, held until the upload is saved: a disconnect running now either
        // finishes first (404 here) or waits and then cancels this upload with the others.
        const held = await findUsableChannel(em, command.userId, channel.id, LockMode.PESSIMISTIC_READ);
        return em.create(YouTubeUpload, {
          userId: command.userId,
          projectId: project.projectId,
          jobId,
          channelId: held.id,
          channelTitle: held.title,
          metadata,
          totalBytes: film.size,
          idempotencyKey: command.idempotencyKey ?? null,
          ...(quotaPausedUntil && { status: 'waiting_quota', errorReason: QUOTA_PAUSED, error: quotaWaitMessage(QUOTA_PAUSED, quotaPausedUntil) }),
        });
      });
    } catch (error) {
      // The same Idempotency-Key twice at once: the unique index picks one.
      if (command.idempotencyKey && isUniqueViolation(error)) {
        const winner = await this.findByKey(command);
        if (winner) return this.replay(winner, command);
      }
      throw error;
    }
    await this.queue.add(upload.id, upload.attempt);
    await this.events.changed(upload);
    return { upload: UploadView.of(upload), created: true };
  }

  /**
   * The first upload made with this Idempotency-Key. A key sent again with another project,
   * channel, film or video details is a client bug, not a resubmission: answering the first
   * upload would tell the client its new request was accepted. If queueing failed after the first
   * request saved the upload, this queues it now (Bull ignores the job id when it is already there).
   */
  private async replay(earlier: YouTubeUpload, command: RequestUploadCommand): Promise<{ upload: UploadView; created: boolean }> {
    if (!sameRequest(earlier, command)) throw YouTubeErrors.idempotencyKeyReused();
    if (earlier.status === 'queued' || earlier.status === 'waiting_quota') await this.queue.add(earlier.id, earlier.attempt);
    return { upload: UploadView.of(earlier), created: false };
  }

  /** The job asked for, which must be a finished film of this project; else the newest such. */
  private async filmJob({ userId, projectId, request }: RequestUploadCommand): Promise<string> {
    if (!request.jobId) {
      const latest = await this.queries.execute(new GetLatestFilmJobQuery(userId, projectId));
      if (!latest) throw YouTubeErrors.noFilm();
      return latest.jobId;
    }
    const job = await this.queries.execute(new GetJobQuery(request.jobId, userId));
    if (job.projectId !== projectId || job.type !== 'full_generation' || job.status !== 'completed') throw YouTubeErrors.jobNotUploadable();
    return job.id;
  }

  private findByKey({ userId, idempotencyKey }: RequestUploadCommand): Promise<YouTubeUpload | null> {
    if (!idempotencyKey) return Promise.resolve(null);
    return this.em.fork().findOne(YouTubeUpload, { userId, idempotencyKey });
  }
}

function metadataOf(request: UploadRequest, projectTitle: string, language: string): VideoMetadata {
  return {
    // The project's title is the natural default, cut to what YouTube takes.
    title: request.title ?? [...projectTitle.replace(/[<>]/g, '')].slice(0, YOUTUBE_LIMITS.titleChars).join(''),
    description: request.description ?? '',
    tags: (request.tags ?? []).map((tag) => tag.trim()),
    categoryId: request.categoryId ?? DEFAULT_CATEGORY_ID,
    privacyStatus: request.privacyStatus,
    publishAt: request.publishAt ? new Date(request.publishAt).toISOString() : null,
    playlistId: request.playlistId ?? null,
    madeForKids: request.madeForKids,
    containsSyntheticMedia: request.containsSyntheticMedia,
    language,
  };
}

/**
 * Whether a resubmission asks for what the first upload was made with. Only what the request
 * decides is compared: a title left out was the project's (which may have been renamed since),
 * a film left out the latest, a channel since disconnected no longer known.
 */
function sameRequest(earlier: YouTubeUpload, { projectId, request }: RequestUploadCommand): boolean {
  const asked = metadataOf(request, earlier.metadata.title, earlier.metadata.language);
  return (
    earlier.projectId === projectId &&
    (!earlier.channelId || earlier.channelId === request.channelId) &&
    (!request.jobId || request.jobId === earlier.jobId) &&
    isDeepStrictEqual(asked, earlier.metadata)
  );
}
