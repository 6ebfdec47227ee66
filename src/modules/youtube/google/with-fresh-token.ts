import type { Auth } from 'googleapis';

/**
 * Runs a call to Google; when it answers 401 (the access token was revoked or expired early),
 * refreshes the token once and runs it again. A refused refresh (`invalid_grant`) propagates: the
 * grant itself is gone. Only 401: google-auth-library's own `forceRefreshOnFailure` also refreshes
 * and repeats on every 403, which would resend a chunk and spend a token call on each quotaExceeded.
 */
export async function withFreshToken<T>(client: Auth.OAuth2Client, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = (error as { response?: { status?: number } }).response?.status;
    if (status !== 401 || !client.credentials.refresh_token) throw error;
    // Emits 'tokens': YouTubeClients saves the new access token.
    await client.refreshAccessToken();
    return call();
  }
}
