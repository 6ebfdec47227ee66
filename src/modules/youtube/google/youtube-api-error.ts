/**
 * How a failed call to Google is handled:
 * - `quota`: the project's daily quota is used up; nothing works until it resets.
 * - `auth`: the grant is revoked or expired; the user must connect the channel again.
 * - `client`: YouTube refused this request (4xx); repeating it gives the same answer.
 * - `transient`: 5xx, 429, a cut connection or a timeout; worth another try.
 */
export type YouTubeFailureKind = 'quota' | 'auth' | 'client' | 'transient';

const QUOTA_REASONS = new Set(['quotaExceeded', 'dailyLimitExceeded']);
// unauthorized_client is not here: it means our OAuth client is misconfigured, not the user's grant.
const AUTH_REASONS = new Set(['invalid_grant', 'authError', 'invalid_token']);

export class YouTubeApiError extends Error {
  constructor(
    readonly kind: YouTubeFailureKind,
    /** YouTube's reason code (`quotaExceeded`, `uploadLimitExceeded`...) or ours (`http_503`, `network`). */
    readonly reason: string,
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'YouTubeApiError';
  }
}

interface GoogleErrorBody {
  error?: string | { code?: number; message?: string; errors?: { reason?: string; message?: string }[]; status?: string };
  error_description?: string;
}

/** Reads a gaxios error (Data API or token endpoint) into a YouTubeApiError; never echoes tokens. */
export function toYouTubeApiError(error: unknown, during: string): YouTubeApiError {
  if (error instanceof YouTubeApiError) return error;
  const response = (error as { response?: { status?: number; data?: unknown } })?.response;
  if (!response?.status) {
    if (!isHttpFailure(error)) {
      // Not Google's doing (storage, database, a bug): retried, but not blamed on YouTube. Its own
      // words (SQL, storage keys) go to the log, not into the upload and the user's mail.
      return new YouTubeApiError('transient', 'internal', `An internal error interrupted ${during}; it is recorded in the service's log.`, undefined, { cause: error });
    }
    const code = (error as { code?: string })?.code ?? (error as Error)?.name;
    return new YouTubeApiError('transient', 'network', `YouTube could not be reached while ${during} (${code}).`);
  }
  const status = response.status;
  const body = parseBody(response.data);
  const details = typeof body.error === 'object' ? body.error : undefined;
  const reason = details?.errors?.[0]?.reason ?? (typeof body.error === 'string' ? body.error : undefined) ?? `http_${status}`;
  const said = (details?.message ?? details?.errors?.[0]?.message ?? body.error_description ?? '').slice(0, 300);
  const message = `YouTube refused ${during}: ${status} ${reason}${said ? ` (${said})` : ''}.`;
  if (QUOTA_REASONS.has(reason)) return new YouTubeApiError('quota', reason, message, status);
  if (reason === 'unauthorized_client') return new YouTubeApiError('client', reason, message, status);
  if (AUTH_REASONS.has(reason) || status === 401) return new YouTubeApiError('auth', reason, message, status);
  if (status >= 500 || status === 429 || reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') {
    return new YouTubeApiError('transient', reason, message, status);
  }
  return new YouTubeApiError('client', reason, message, status);
}

/** How gaxios marks its errors across copies of the library (see GaxiosError[Symbol.hasInstance]). */
export const GAXIOS_ERROR = Symbol.for('gaxios-gaxios-error');

/** A request that failed on the way: a gaxios error, or a fetch abort or timeout. */
function isHttpFailure(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && GAXIOS_ERROR in error) return true;
  const name = (error as Error)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

function parseBody(data: unknown): GoogleErrorBody {
  if (typeof data === 'string') {
    try {
      return JSON.parse(data) as GoogleErrorBody;
    } catch {
      return {};
    }
  }
  return (data ?? {}) as GoogleErrorBody;
}
