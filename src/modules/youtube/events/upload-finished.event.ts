import type { UploadStatus } from '../domain/upload-status';

/** An upload ended: completed (with its video), failed (with its reason) or cancelled. */
export class YouTubeUploadFinishedEvent {
  constructor(
    readonly uploadId: string,
    readonly userId: string,
    readonly projectId: string,
    readonly status: Extract<UploadStatus, 'completed' | 'failed' | 'cancelled'>,
    readonly title: string,
    readonly channelTitle: string,
    readonly videoUrl: string | null,
    readonly error: string | null,
    readonly warnings: string[],
    readonly attempt: number,
  ) {}
}
