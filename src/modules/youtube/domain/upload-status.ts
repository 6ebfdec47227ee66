export const UPLOAD_STATUSES = ['queued', 'uploading', 'processing', 'waiting_quota', 'completed', 'failed', 'cancelled'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** Statuses an upload does not leave by itself. */
export const FINAL_UPLOAD_STATUSES: readonly UploadStatus[] = ['completed', 'failed', 'cancelled'];

export const PRIVACY_STATUSES = ['public', 'unlisted', 'private'] as const;
export type PrivacyStatus = (typeof PRIVACY_STATUSES)[number];
