import { createHash, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Google account as the userinfo endpoint describes it. */
export interface GoogleIdentity {
  sub: string;
  email: string;
  email_verified: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
}

export interface RecordedGoogleRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The form fields of a form-encoded body, else {}. */
  form: Record<string, string>;
  body: string;
  /** The body's bytes, for media uploads. */
  raw: Buffer;
}

export interface FakeGoogleReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeGoogleHandler = (
  request: RecordedGoogleRequest,
) => FakeGoogleReply | Promise<FakeGoogleReply>;

/**
 * A handler that reads the request stream itself and answers on the raw response (or cuts the
 * connection): for resumable uploads. It records the request with `record` when it wants it kept.
 */
export type FakeGoogleStreamHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => void | Promise<void>;

interface IssuedCode {
  identity: GoogleIdentity;
  clientId: string;
  redirectUri: string;
  scope: string;
  offline: boolean;
  codeChallenge?: string;
  used: boolean;
}

export interface IssuedToken {
  identity: GoogleIdentity;
  scope: string;
  revoked: boolean;
  /** The refresh token of the grant an access token belongs to (offline grants only). */
  grant?: string;
}

/**
 * A small Google on loopback for the OAuth 2.0 / OpenID endpoints we call, speaking the real wire
 * format so the real googleapis OAuth2Client can be pointed at it (GOOGLE_OAUTH_* and
 * GOOGLE_API_ROOT_URL, see `env()`):
 *
 * - `GET  /o/oauth2/v2/auth`: the consent screen. It "signs in" as `signInAs(...)` and redirects
 *   to redirect_uri with `code` and `state`, or `error=access_denied` after `denyConsent()`.
 * - `POST /token`: form-encoded; authorization_code (client auth, redirect_uri and PKCE S256
 *   checked, codes single use) and refresh_token grants; Google's error bodies (`invalid_grant`...).
 * - `GET  /oauth2/v3/userinfo`: bearer access token -> the identity's claims.
 * - `POST /revoke?token=`: 200 (the token's whole grant ends), or 400 `invalid_token` for an
 *   unknown or already revoked token.
 *
 * Routes are a table of handlers: `route()` adds one (FakeYouTube adds the Data API) and
 * `failNext()` makes the next call of a route answer an error once. Every request is recorded.
 */
export class FakeGoogleServer {
  readonly requests: RecordedGoogleRequest[] = [];
  readonly codes = new Map<string, IssuedCode>();
  readonly accessTokens = new Map<string, IssuedToken>();
  readonly refreshTokens = new Map<string, IssuedToken>();
  url = '';
  private readonly routes = new Map<string, FakeGoogleHandler>();
  private readonly streamRoutes = new Map<string, FakeGoogleStreamHandler>();
  private readonly failures = new Map<string, FakeGoogleReply[]>();
  private signedIn: GoogleIdentity | null = null;
  private denyNext = false;
  private revokeHold: { revoked: () => void; released: Promise<void> } | null = null;
  private server?: Server;

  constructor(
    readonly clientId = 'fake-client-id.apps.googleusercontent.com',
    readonly clientSecret = 'fake-client-secret',
  ) {
    this.route('GET', '/o/oauth2/v2/auth', (req) => this.consent(req));
    this.route('POST', '/token', (req) => this.token(req));
    this.route('GET', '/oauth2/v3/userinfo', (req) => this.userinfo(req));
    this.route('POST', '/revoke', (req) => this.revoke(req));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    // Held uploads never answer: end their connections rather than wait for them.
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** The app's Google settings for this server (the sign-in redirect URL is the suite's). */
  env(): Record<string, string> {
    return {
      GOOGLE_CLIENT_ID: this.clientId,
      GOOGLE_CLIENT_SECRET: this.clientSecret,
      GOOGLE_OAUTH_AUTH_URL: `${this.url}/o/oauth2/v2/auth`,
      GOOGLE_OAUTH_TOKEN_URL: `${this.url}/token`,
      GOOGLE_OAUTH_REVOKE_URL: `${this.url}/revoke`,
      GOOGLE_API_ROOT_URL: `${this.url}/`,
    };
  }

  /** Adds or replaces the handler of `METHOD path`. */
  route(method: string, path: string, handler: FakeGoogleHandler): void {
    this.routes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  /** Adds or replaces the streaming handler of `METHOD path` (see FakeGoogleStreamHandler). */
  streamRoute(method: string, path: string, handler: FakeGoogleStreamHandler): void {
    this.streamRoutes.set(`${method.toUpperCase()} ${path}`, handler);
  }

  /** The next call of `METHOD path` answers `reply` instead, once. */
  failNext(method: string, path: string, reply: FakeGoogleReply): void {
    const key = `${method.toUpperCase()} ${path}`;
    this.failures.set(key, [...(this.failures.get(key) ?? []), reply]);
  }

  /** Who is signed in to "Google" in the browser that opens the consent screen. */
  signInAs(identity: GoogleIdentity): void {
    this.signedIn = identity;
  }

  /** The next consent screen is cancelled by the person: redirect with error=access_denied. */
  denyConsent(): void {
    this.denyNext = true;
  }

  /**
   * The next revoke takes effect at once but its answer waits for `release()`: a disconnect caught
   * between "Google ended the grant" and "the app knows it". `revoked` resolves when it took effect.
   */
  holdNextRevoke(): { revoked: Promise<void>; release: () => void } {
    let revoked: () => void = () => undefined;
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (revoked = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.revokeHold = { revoked, released };
    return { revoked: done, release };
  }

  requestsTo(method: string, path: string): RecordedGoogleRequest[] {
    return this.requests.filter((r) => r.method === method.toUpperCase() && r.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const key = `${req.method ?? 'GET'} ${url.pathname}`;
    const streaming = this.streamRoutes.get(key);
    if (streaming && !this.failures.get(key)?.length) return streaming(req, res, url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const body = raw.toString('utf8');
    const isForm = /application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '');
    const recorded: RecordedGoogleRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      form: isForm ? Object.fromEntries(new URLSearchParams(body)) : {},
      body,
      raw,
    };
    this.requests.push(recorded);
    let reply: FakeGoogleReply;
    const failure = this.failures.get(key)?.shift();
    if (failure) reply = failure;
    else {
      const handler = this.routes.get(key);
      try {
        reply = handler
          ? await handler(recorded)
          : googleError(404, 'not_found', `No route ${key}`);
      } catch (error) {
        reply = googleError(500, 'internal_failure', String(error));
      }
    }
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined && !headers['content-type'])
      headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(reply.status, headers);
    res.end(
      reply.body === undefined
        ? undefined
        : typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body),
    );
  }

  private consent(req: RecordedGoogleRequest): FakeGoogleReply {
    const q = req.query;
    if (q.client_id !== this.clientId)
      return {
        status: 400,
        body: 'Error 401: invalid_client',
        headers: { 'content-type': 'text/html' },
      };
    if (q.response_type !== 'code' || !q.redirect_uri || !q.scope) {
      return {
        status: 400,
        body: 'Error 400: invalid_request',
        headers: { 'content-type': 'text/html' },
      };
    }
    const back = new URL(q.redirect_uri);
    if (q.state !== undefined) back.searchParams.set('state', q.state);
    if (this.denyNext) {
      this.denyNext = false;
      back.searchParams.set('error', 'access_denied');
      return { status: 302, headers: { location: back.toString() } };
    }
    if (!this.signedIn)
      return {
        status: 200,
        body: '<html>Sign in</html>',
        headers: { 'content-type': 'text/html' },
      };
    if (q.code_challenge && q.code_challenge_method !== 'S256') {
      return {
        status: 400,
        body: 'Error 400: invalid_request (code_challenge_method)',
        headers: { 'content-type': 'text/html' },
      };
    }
    const code = `4/0A${randomBytes(24).toString('base64url')}`;
    const scope = expandScopes(q.scope);
    this.codes.set(code, {
      identity: this.signedIn,
      clientId: q.client_id,
      redirectUri: q.redirect_uri,
      scope,
      offline: q.access_type === 'offline',
      codeChallenge: q.code_challenge,
      used: false,
    });
    back.searchParams.set('code', code);
    back.searchParams.set('scope', scope);
    back.searchParams.set('authuser', '0');
    back.searchParams.set('prompt', 'consent');
    return { status: 302, headers: { location: back.toString() } };
  }

  private token(req: RecordedGoogleRequest): FakeGoogleReply {
    if (!/application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
      return googleError(400, 'invalid_request', 'Invalid content type.');
    }
    const form = req.form;
    const [clientId, clientSecret] = basicAuth(req.headers.authorization) ?? [
      form.client_id,
      form.client_secret,
    ];
    if (clientId !== this.clientId || clientSecret !== this.clientSecret) {
      return googleError(401, 'invalid_client', 'The OAuth client was not found.');
    }
    if (form.grant_type === 'authorization_code') {
      const issued = form.code ? this.codes.get(form.code) : undefined;
      if (!issued || issued.used || issued.clientId !== clientId)
        return googleError(400, 'invalid_grant', 'Bad Request');
      if (form.redirect_uri !== issued.redirectUri)
        return googleError(400, 'redirect_uri_mismatch', 'Bad Request');
      if (issued.codeChallenge) {
        const computed = form.code_verifier
          ? createHash('sha256').update(form.code_verifier).digest('base64url')
          : '';
        if (computed !== issued.codeChallenge)
          return googleError(400, 'invalid_grant', 'Invalid code verifier.');
      }
      issued.used = true;
      const refreshToken = issued.offline ? `1//0${randomBytes(24).toString('base64url')}` : undefined;
      const accessToken = this.issueAccessToken(issued.identity, issued.scope, refreshToken);
      const body: Record<string, unknown> = {
        access_token: accessToken,
        expires_in: 3599,
        scope: issued.scope,
        token_type: 'Bearer',
      };
      if (refreshToken) {
        this.refreshTokens.set(refreshToken, {
          identity: issued.identity,
          scope: issued.scope,
          revoked: false,
        });
        body.refresh_token = refreshToken;
      }
      return { status: 200, body };
    }
    if (form.grant_type === 'refresh_token') {
      const known = form.refresh_token ? this.refreshTokens.get(form.refresh_token) : undefined;
      if (!known || known.revoked)
        return googleError(400, 'invalid_grant', 'Token has been expired or revoked.');
      const accessToken = this.issueAccessToken(known.identity, known.scope, form.refresh_token);
      return {
        status: 200,
        body: {
          access_token: accessToken,
          expires_in: 3599,
          scope: known.scope,
          token_type: 'Bearer',
        },
      };
    }
    return googleError(
      400,
      'unsupported_grant_type',
      `Invalid grant_type: ${form.grant_type ?? ''}`,
    );
  }

  private userinfo(req: RecordedGoogleRequest): FakeGoogleReply {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const known = token ? this.accessTokens.get(token) : undefined;
    if (!known || known.revoked) return googleError(401, 'invalid_request', 'Invalid Credentials');
    const { sub, email, email_verified, name, given_name, family_name } = known.identity;
    return {
      status: 200,
      body: {
        sub,
        name,
        given_name,
        family_name,
        picture: `${this.url}/photo/${sub}.png`,
        email,
        email_verified,
      },
    };
  }

  /**
   * Revoking a token ends its grant, as Google does: a refresh token takes the access tokens issued
   * from it along, and an access token its refresh token (and so the others issued from it).
   */
  private async revoke(req: RecordedGoogleRequest): Promise<FakeGoogleReply> {
    const token = req.query.token ?? req.form.token;
    const known = token
      ? (this.accessTokens.get(token) ?? this.refreshTokens.get(token))
      : undefined;
    if (!known || known.revoked)
      return googleError(400, 'invalid_token', 'Token expired or revoked');
    const grant = this.refreshTokens.has(token!) ? token : known.grant;
    known.revoked = true;
    if (grant) {
      this.refreshTokens.get(grant)!.revoked = true;
      for (const issued of this.accessTokens.values()) if (issued.grant === grant) issued.revoked = true;
    }
    const hold = this.revokeHold;
    this.revokeHold = null;
    if (hold) {
      hold.revoked();
      await hold.released;
    }
    return { status: 200, body: {} };
  }

  private issueAccessToken(identity: GoogleIdentity, scope: string, grant?: string): string {
    const token = `ya29.${randomBytes(32).toString('base64url')}`;
    this.accessTokens.set(token, { identity, scope, revoked: false, grant });
    return token;
  }
}

export function googleError(status: number, error: string, description: string): FakeGoogleReply {
  return { status, body: { error, error_description: description } };
}

function basicAuth(header: string | undefined): [string, string] | undefined {
  const encoded = /^Basic (.+)$/.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

/** Google answers the short scope names with their full URLs, as the real one does. */
function expandScopes(scope: string): string {
  const full: Record<string, string> = {
    email: 'https://www.googleapis.com/auth/userinfo.email',
    profile: 'https://www.googleapis.com/auth/userinfo.profile',
  };
  return scope
    .split(/[ +]/)
    .filter(Boolean)
    .map((s) => full[s] ?? s)
    .join(' ');
}
