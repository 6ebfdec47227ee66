import { Injectable } from '@nestjs/common';
import { StorageNotFoundError } from '@afs/storage';
import { toYouTubeApiError } from '../google/youtube-api-error';
import { withFreshToken } from '../google/with-fresh-token';
import { YouTubeClients } from '../google/youtube-clients';
import type { YouTubeUpload } from '../persistence/youtube-upload.entity';
import type { UploadAttempt } from './upload-attempt';
import { UploadFiles } from './upload-files';
import { UploadLease } from './upload-lease';
import { UploadProgress } from './upload-progress';
import { LeaseLostError } from './upload-attempt';

/**
 * What follows the bytes: the thumbnail, the caption track, the playlist item. Each is recorded
 * when done, so a later attempt does only what is left. YouTube refusing one (4xx) becomes a
 * warning in words: the video is on YouTube, failing the upload would say otherwise.
 */
@Injectable()
export class VideoFinisher {
  constructor(
    private readonly clients: YouTubeClients,
    private readonly files: UploadFiles,
    private readonly lease: UploadLease,
    private readonly progress: UploadProgress,
  ) {}

  async finish(attempt: UploadAttempt): Promise<void> {
    const { em, upload, client } = attempt;
    const api = await this.clients.api(client);
    const videoId = upload.videoId!;
    const media = { rootUrl: this.clients.rootUrl, signal: attempt.signal };
    const m = upload.metadata;
    if (m.privacyStatus !== 'private' && upload.privacyStatus === 'private') {
      this.progress.warn(
        upload,
        `YouTube made the video private although ${m.privacyStatus} was asked: videos uploaded through an API project that has not passed YouTube's audit are locked to private. ` +
          'You can change its visibility in YouTube Studio once the project is verified.',
      );
    }
    if (!upload.thumbnailSet) {
      const thumbnail = await this.files.find(upload.userId, upload.jobId, 'thumbnail');
      if (thumbnail) {
        await this.renew(attempt);
        upload.thumbnailSet = await this.optional(upload, 'set the thumbnail', async () => {
          // A stream body cannot be sent twice: each try opens the file again.
          await withFreshToken(client, async () =>
            api.thumbnails.set({ videoId, media: { mimeType: thumbnail.contentType, body: await this.files.open(thumbnail) } }, media),
          );
        });
        await this.progress.step(em, upload, 97);
      }
    }
    if (!upload.captionId) {
      const subtitles = await this.files.find(upload.userId, upload.jobId, 'subtitles_srt');
      if (subtitles) {
        await this.renew(attempt);
        await this.optional(upload, 'add the subtitles as captions', async () => {
          const res = await withFreshToken(client, async () =>
            api.captions.insert(
              {
                part: ['snippet'],
                requestBody: { snippet: { videoId, language: m.language, name: 'Narration', isDraft: false } },
                media: { mimeType: 'application/x-subrip', body: await this.files.open(subtitles) },
              },
              media,
            ),
          );
          upload.captionId = res.data.id ?? null;
        });
        await this.progress.step(em, upload, 99);
      }
    }
    if (m.playlistId && !upload.playlistItemId) {
      await this.renew(attempt);
      await this.optional(upload, 'add the video to the playlist', async () => {
        const res = await withFreshToken(client, () =>
          api.playlistItems.insert(
            { part: ['snippet'], requestBody: { snippet: { playlistId: m.playlistId!, resourceId: { kind: 'youtube#video', videoId } } } },
            { signal: attempt.signal },
          ),
        );
        upload.playlistItemId = res.data.id ?? null;
      });
    }
  }

  /** The user cancelled while the last bytes were on their way: the video they did not want goes. */
  async remove(attempt: UploadAttempt): Promise<void> {
    const api = await this.clients.api(attempt.client);
    await withFreshToken(attempt.client, () => api.videos.delete({ id: attempt.upload.videoId! }, { signal: attempt.signal }));
  }

  /** Runs a finishing call; a 4xx is a warning, anything else ends the attempt (and is retried). */
  private async optional(upload: YouTubeUpload, what: string, call: () => Promise<void>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      if (error instanceof StorageNotFoundError) {
        this.progress.warn(upload, `The video is on YouTube, but could not ${what}: the file is no longer stored.`);
        return false;
      }
      const failure = toYouTubeApiError(error, `trying to ${what}`);
      if (failure.kind !== 'client') throw failure;
      this.progress.warn(upload, `The video is on YouTube, but YouTube refused to ${what}: ${failure.reason}${failure.status ? ` (${failure.status})` : ''}. ${failure.message}`);
      return false;
    }
  }

  private async renew(attempt: UploadAttempt): Promise<void> {
    attempt.signal.throwIfAborted();
    if (!(await this.lease.renew(attempt.upload.id, attempt.owner))) throw new LeaseLostError();
  }
}
