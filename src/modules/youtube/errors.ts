import { DomainError } from '../../platform/http/domain-error';

export const YouTubeErrors = {
  notConfigured: () =>
    new DomainError(
      'YOUTUBE.NOT_CONFIGURED',
      503,
      'YouTube publishing is not configured',
      'Set GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, YOUTUBE_REDIRECT_URL and TOKEN_ENCRYPTION_KEYS to enable it.',
    ),
  stateInvalid: () => new DomainError('YOUTUBE.STATE_INVALID', 400, 'Invalid connection state', 'The connection attempt is unknown, expired or already used; start again.'),
  consentDenied: () => new DomainError('YOUTUBE.CONSENT_DENIED', 400, 'Access not granted', 'Google did not grant access to the channel.'),
  scopesMissing: (missing: string[]) =>
    new DomainError('YOUTUBE.SCOPES_MISSING', 400, 'Permissions missing', `Google did not grant ${missing.join(', ')}; connect again and allow every permission asked.`, { missing }),
  noRefreshToken: () =>
    new DomainError('YOUTUBE.NO_OFFLINE_ACCESS', 502, 'No offline access', 'Google did not grant offline access (no refresh token); connect again.'),
  noChannel: () => new DomainError('YOUTUBE.NO_CHANNEL', 422, 'No YouTube channel', 'This Google account has no YouTube channel; create one on YouTube first.'),
  google: (reason: string, detail: string) => new DomainError('YOUTUBE.GOOGLE_FAILED', 502, 'Google refused the request', detail, { reason }),
  quotaExceeded: (until: Date) =>
    new DomainError(
      'YOUTUBE.QUOTA_EXCEEDED',
      503,
      "YouTube's daily quota is used up",
      `YouTube's daily API quota for this installation is used up; try again after ${until.toISOString()} (midnight Pacific time).`,
      { retryAt: until.toISOString() },
    ),
  channelNotFound: () => new DomainError('YOUTUBE.CHANNEL_NOT_FOUND', 404, 'Not found', 'No such connected channel.'),
  reconnectRequired: (reason: string | null | undefined) =>
    new DomainError('YOUTUBE.RECONNECT_REQUIRED', 409, 'Connect the channel again', `Google no longer accepts this channel's access${reason ? ` (${reason})` : ''}; connect it again.`),
  uploadNotFound: () => new DomainError('YOUTUBE.UPLOAD_NOT_FOUND', 404, 'Not found', 'No such upload.'),
  noFilm: () =>
    new DomainError('YOUTUBE.NO_FILM', 409, 'Render the film first', 'This project has no completed full_generation with a film to upload.'),
  filmMissing: () =>
    new DomainError('YOUTUBE.FILM_MISSING', 409, 'The film is gone', 'The film of this job is no longer stored; render the project again to upload it.'),
  jobNotUploadable: () =>
    new DomainError('YOUTUBE.JOB_NOT_UPLOADABLE', 409, 'Not a finished film', 'The job must be a completed full_generation of this project with its film.'),
  notCancellable: (status: string) =>
    new DomainError('YOUTUBE.NOT_CANCELLABLE', 409, 'Upload cannot be cancelled', `The upload is ${status}; the video is already on YouTube or the upload has ended.`),
  notRetryable: (status: string) => new DomainError('YOUTUBE.NOT_RETRYABLE', 409, 'Only failed or cancelled uploads can be retried', `The upload is ${status}.`),
  idempotencyKeyReused: () =>
    new DomainError('IDEMPOTENCY.KEY_REUSED', 422, 'Idempotency-Key already used', 'This Idempotency-Key was used for another upload request (project, channel, film or video details differ); use a new key for a new request.'),
  invalid: (errors: { field: string; messages: string[] }[]) =>
    new DomainError('VALIDATION.FAILED', 400, 'The request is not valid', errors.map((e) => `${e.field} ${e.messages.join(', ')}`).join('; '), { errors }),
};
