import { Inject, Injectable } from '@nestjs/common';
import type { Auth } from 'googleapis';
import { APP_CONFIG, AppConfig } from '../../../platform/config/config';
import {
  CodeExchange,
  ConsentRequest,
  GoogleOAuth,
  GoogleOAuthError,
  GoogleProfile,
  GoogleTokens,
} from './google-oauth.port';

/** Every call to Google gives up after this long; a browser is waiting on the callback. */
const GOOGLE_TIMEOUT_MS = 10_000;

/** OAuth2Client's `endpoints` option (its type is not exported by name). */
export type GoogleEndpoints = NonNullable<Auth.OAuth2ClientOptions['endpoints']>;
type OAuth2ClientClass = typeof Auth.OAuth2Client;
let oauth2ClientClass: Promise<OAuth2ClientClass> | undefined;

/**
 * `googleapis` loads every API description it ships (about 2 s, more under Jest), so it is loaded
 * on first use instead of at start: a deployment without Google, and every test suite that does
 * not sign in with Google, never pays for it.
 */
function loadOAuth2Client(): Promise<OAuth2ClientClass> {
  oauth2ClientClass ??= import('googleapis').then((module) => module.Auth.OAuth2Client);
  return oauth2ClientClass;
}

/** The URLs OAuth2Client calls, from config, so a proxy or a fake server can stand in for Google. */
export function googleEndpoints(config: AppConfig): GoogleEndpoints {
  const root = googleApiRoot(config);
  return {
    oauth2AuthBaseUrl: config.GOOGLE_OAUTH_AUTH_URL,
    oauth2TokenUrl: config.GOOGLE_OAUTH_TOKEN_URL,
    oauth2RevokeUrl: config.GOOGLE_OAUTH_REVOKE_URL,
    tokenInfoUrl: `${root}oauth2/v3/tokeninfo`,
    oauth2FederatedSignonPemCertsUrl: `${root}oauth2/v1/certs`,
    oauth2FederatedSignonJwkCertsUrl: `${root}oauth2/v3/certs`,
  };
}

/** GOOGLE_API_ROOT_URL with its trailing slash, as googleapis' `rootUrl` wants it. */
export function googleApiRoot(config: AppConfig): string {
  return config.GOOGLE_API_ROOT_URL.endsWith('/')
    ? config.GOOGLE_API_ROOT_URL
    : `${config.GOOGLE_API_ROOT_URL}/`;
}

/** The GoogleOAuth port on googleapis' OAuth2Client (google-auth-library). */
@Injectable()
export class GoogleapisOAuthAdapter extends GoogleOAuth {
  readonly configured: boolean;
  private readonly endpoints: GoogleEndpoints;
  private readonly userinfoUrl: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
    this.configured = Boolean(config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET);
    this.endpoints = googleEndpoints(config);
    this.userinfoUrl = `${googleApiRoot(config)}oauth2/v3/userinfo`;
  }

  async client(credentials?: Auth.Credentials): Promise<Auth.OAuth2Client> {
    const OAuth2Client = await loadOAuth2Client();
    const client = new OAuth2Client({
      clientId: this.config.GOOGLE_CLIENT_ID,
      clientSecret: this.config.GOOGLE_CLIENT_SECRET,
      endpoints: this.endpoints,
      // Node's own fetch. Without it gaxios 7 loads node-fetch with a dynamic import(), which
      // fails under Jest (no --experimental-vm-modules): one HTTP stack in tests and production.
      transporterOptions: { timeout: GOOGLE_TIMEOUT_MS, fetchImplementation: fetch },
    });
    if (credentials) client.setCredentials(credentials);
    return client;
  }

  async consentUrl(request: ConsentRequest): Promise<string> {
    const client = await this.client();
    return client.generateAuthUrl({
      redirect_uri: request.redirectUri,
      scope: request.scopes,
      state: request.state,
      access_type: request.accessType ?? 'online',
      include_granted_scopes: true,
      ...(request.prompt ? { prompt: request.prompt } : {}),
      ...(request.codeChallenge
        ? {
            code_challenge: request.codeChallenge,
            code_challenge_method: 'S256' as Auth.CodeChallengeMethod,
          }
        : {}),
    });
  }

  async exchangeCode(request: CodeExchange): Promise<GoogleTokens> {
    const client = await this.client();
    try {
      const { tokens } = await client.getToken({
        code: request.code,
        redirect_uri: request.redirectUri,
        codeVerifier: request.codeVerifier,
      });
      if (!tokens.access_token)
        throw new GoogleOAuthError(
          'bad_response',
          'Google answered the code exchange without an access token.',
        );
      return {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? null,
        idToken: tokens.id_token ?? null,
        expiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
        scopes: tokens.scope ? tokens.scope.split(' ') : [],
      };
    } catch (error) {
      throw toGoogleError(error, 'the code exchange');
    }
  }

  async profile(accessToken: string): Promise<GoogleProfile> {
    const client = await this.client({ access_token: accessToken });
    let data: Record<string, unknown>;
    try {
      const res = await client.request<Record<string, unknown>>({
        url: this.userinfoUrl,
        method: 'GET',
      });
      data = res.data;
    } catch (error) {
      throw toGoogleError(error, 'reading the Google profile');
    }
    const subject = data?.sub;
    const email = data?.email;
    if (typeof subject !== 'string' || !subject || typeof email !== 'string' || !email) {
      throw new GoogleOAuthError(
        'bad_response',
        'Google answered the profile without an account id or email.',
      );
    }
    const text = (value: unknown) =>
      typeof value === 'string' && value.trim() ? value.trim() : null;
    return {
      subject,
      email,
      // Google sends a boolean; some proxies and older endpoints send "true".
      emailVerified: data.email_verified === true || data.email_verified === 'true',
      givenName: text(data.given_name),
      familyName: text(data.family_name),
      name: text(data.name),
    };
  }

  async revoke(token: string): Promise<void> {
    const client = await this.client();
    try {
      await client.revokeToken(token);
    } catch (error) {
      const failure = toGoogleError(error, 'revoking the token');
      // Revoking a token Google no longer knows answers 400 invalid_token: it is revoked.
      if (failure.reason === 'invalid_token') return;
      throw failure;
    }
  }
}

/** Names what went wrong from a gaxios error without echoing tokens or secrets. */
function toGoogleError(error: unknown, during: string): GoogleOAuthError {
  if (error instanceof GoogleOAuthError) return error;
  const response = (error as { response?: { status?: number; data?: unknown } })?.response;
  if (response?.status) {
    const data = response.data as { error?: unknown; error_description?: unknown } | undefined;
    const code =
      typeof data?.error === 'string' ? data.error : (data?.error as { status?: unknown })?.status;
    const reason =
      typeof code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(code)
        ? code
        : `http_${response.status}`;
    const description =
      typeof data?.error_description === 'string'
        ? `: ${data.error_description.slice(0, 200)}`
        : '';
    return new GoogleOAuthError(
      reason,
      `Google refused ${during} (${response.status} ${reason}${description}).`,
    );
  }
  return new GoogleOAuthError('unreachable', `Google could not be reached for ${during}.`);
}
