import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRIVACY_STATUSES, UPLOAD_STATUSES } from '../domain/upload-status';
import type { YouTubeUpload } from '../persistence/youtube-upload.entity';

export class UploadView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Null once the channel is disconnected.' })
  channelId!: string | null;
  @ApiProperty() channelTitle!: string;
  @ApiProperty({ enum: UPLOAD_STATUSES }) status!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ description: 'Bytes YouTube confirmed it has.' }) bytesSent!: number;
  @ApiProperty() totalBytes!: number;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: PRIVACY_STATUSES, description: 'What was asked.' }) privacyStatus!: string;
  @ApiPropertyOptional({ nullable: true, description: 'What YouTube applied (differs when it forced private).' })
  appliedPrivacyStatus!: string | null;
  @ApiPropertyOptional({ nullable: true }) publishAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) playlistId!: string | null;
  @ApiPropertyOptional({ nullable: true }) videoId!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' }) videoUrl!: string | null;
  @ApiProperty() thumbnailSet!: boolean;
  @ApiProperty() captionsUploaded!: boolean;
  @ApiProperty() addedToPlaylist!: boolean;
  @ApiProperty({ type: [String], description: 'What the user should know that did not stop the upload.' })
  warnings!: string[];
  @ApiPropertyOptional({ nullable: true, description: 'Why it failed, or why it waits, in words.' })
  error!: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'quotaExceeded' }) errorReason!: string | null;
  @ApiProperty() attempt!: number;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true }) startedAt!: string | null;
  @ApiPropertyOptional({ nullable: true }) finishedAt!: string | null;

  static of(upload: YouTubeUpload): UploadView {
    const m = upload.metadata;
    return {
      id: upload.id,
      projectId: upload.projectId,
      jobId: upload.jobId,
      channelId: upload.channelId ?? null,
      channelTitle: upload.channelTitle,
      status: upload.status,
      progress: upload.progress,
      bytesSent: upload.bytesSent,
      totalBytes: upload.totalBytes,
      title: m.title,
      privacyStatus: m.privacyStatus,
      appliedPrivacyStatus: upload.privacyStatus ?? null,
      publishAt: m.publishAt,
      playlistId: m.playlistId,
      videoId: upload.videoId ?? null,
      videoUrl: upload.videoId ? videoUrl(upload.videoId) : null,
      thumbnailSet: upload.thumbnailSet,
      captionsUploaded: Boolean(upload.captionId),
      addedToPlaylist: Boolean(upload.playlistItemId),
      warnings: upload.warnings,
      error: upload.error ?? null,
      errorReason: upload.errorReason ?? null,
      attempt: upload.attempt,
      createdAt: upload.createdAt.toISOString(),
      startedAt: upload.startedAt?.toISOString() ?? null,
      finishedAt: upload.finishedAt?.toISOString() ?? null,
    };
  }
}

export const videoUrl = (videoId: string) => `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}`;
