import type { Auth } from 'googleapis';

/** What Google's token endpoint gave us, with the times made absolute. */
export interface GoogleTokens {
  accessToken: string;
  /** Only when consent asked for offline access (YouTube); sign-in does not. */
  refreshToken: string | null;
  idToken: string | null;
  expiresAt: Date | null;
  scopes: string[];
}

/** The OpenID Connect userinfo claims we use. */
export interface GoogleProfile {
  /** Google's stable account id (`sub`): what an account is linked by. */
  subject: string;
  email: string;
  emailVerified: boolean;
  givenName: string | null;
  familyName: string | null;
  name: string | null;
}

export interface ConsentRequest {
  redirectUri: string;
  scopes: string[];
  state: string;
  /** PKCE (RFC 7636), S256. */
  codeChallenge?: string;
  /** 'offline' to get a refresh token (YouTube uploads); sign-in stays 'online'. */
  accessType?: 'online' | 'offline';
  prompt?: 'none' | 'consent' | 'select_account';
}

export interface CodeExchange {
  code: string;
  redirectUri: string;
  codeVerifier?: string;
}

/**
 * Google said no, or could not be reached. `reason` is Google's own error code when it gave one
 * (`invalid_grant`, `invalid_client`, ...), otherwise a short word of ours (`unreachable`,
 * `bad_response`, `http_503`).
 */
export class GoogleOAuthError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'GoogleOAuthError';
  }
}

/**
 * The port to Google's OAuth 2.0 / OpenID endpoints. One client id and one set of endpoints
 * (GOOGLE_* config) serve every feature: sign-in uses the consent URL, the code exchange and the
 * profile; the YouTube module adds its own scopes and redirect URL and takes `client()` to call
 * the Data API with the same endpoint settings.
 */
export abstract class GoogleOAuth {
  /** False when GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET are not set: callers answer 503. */
  abstract readonly configured: boolean;

  abstract consentUrl(request: ConsentRequest): Promise<string>;

  /** Throws GoogleOAuthError. */
  abstract exchangeCode(request: CodeExchange): Promise<GoogleTokens>;

  /** `GET {GOOGLE_API_ROOT_URL}oauth2/v3/userinfo` with the access token. Throws GoogleOAuthError. */
  abstract profile(accessToken: string): Promise<GoogleProfile>;

  /** Revokes an access or refresh token; a token Google no longer knows counts as revoked. */
  abstract revoke(token: string): Promise<void>;

  /** A googleapis OAuth2Client on our endpoints, holding `credentials` if given. */
  abstract client(credentials?: Auth.Credentials): Promise<Auth.OAuth2Client>;
}
