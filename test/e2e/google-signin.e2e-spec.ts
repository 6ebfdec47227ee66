import { createHash, randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_REDIS_URL } from '../support/test-env';
import { registerUser, uniqueEmail } from '../support/users';
import { FakeGoogleServer, GoogleIdentity } from '../fakes/fake-google-server';

/**
 * Google sign-in against the real googleapis OAuth2Client, pointed at a fake Google on loopback.
 *
 * Failures at the callback (a browser navigation) are always 302 redirects to
 * APP_URL/auth/google/done?error=<problem code>[&reason=<Google's error>], never problem bodies;
 * only "not configured" answers a 503 problem there. The exchange answers problems as usual.
 */
const PROBLEM = 'application/problem+json';
const APP_URL = 'http://studio.test';
const DONE = `${APP_URL}/auth/google/done`;
// What Google redirects the browser to. The host is the public one; the test sends the path to the
// app it started (whose port is only known after start).
const REDIRECT_URL = 'http://api.studio.test/api/v1/auth/google/callback';
const COOKIE = 'afs_google_signin';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

let identities = 0;
function newIdentity(overrides: Partial<GoogleIdentity> = {}): GoogleIdentity {
  return {
    sub: `1${Date.now()}${++identities}${randomBytes(3).readUIntBE(0, 3)}`,
    email: uniqueEmail('google'),
    email_verified: true,
    name: 'Grace Hopper',
    given_name: 'Grace',
    family_name: 'Hopper',
    ...overrides,
  };
}

describe('Google sign-in', () => {
  let google: FakeGoogleServer;
  let t: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    google = await new FakeGoogleServer().start();
    t = await startTestApp({ ...google.env(), GOOGLE_SIGNIN_REDIRECT_URL: REDIRECT_URL, APP_URL });
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
    await google?.stop();
  });

  const stateKey = (state: string) =>
    `${t.config.REDIS_PREFIX}:google-signin:state:${sha256(state)}`;

  /** GET /auth/google as the browser: the consent URL and the cookie it set. */
  async function start() {
    const res = await t.http.get('/api/v1/auth/google');
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
    expect(setCookie).toBeDefined();
    const browserKey = setCookie!.split(';')[0].slice(COOKIE.length + 1);
    const url = new URL(res.body.url);
    return {
      res,
      url,
      setCookie: setCookie!,
      cookie: `${COOKIE}=${browserKey}`,
      browserKey,
      state: url.searchParams.get('state')!,
    };
  }

  /** The browser at Google's consent screen, signed in as `identity`: where Google sends it back. */
  async function consent(url: URL, identity: GoogleIdentity): Promise<string> {
    google.signInAs(identity);
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URL);
    return `${back.pathname}${back.search}`;
  }

  /** The callback on our API; answers the redirect target. */
  async function callback(pathAndQuery: string, cookie?: string) {
    const res = await t.http.get(pathAndQuery, { headers: cookie ? { cookie } : {} });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(DONE);
    return {
      res,
      location,
      code: location.searchParams.get('code'),
      error: location.searchParams.get('error'),
    };
  }

  async function signIn(identity: GoogleIdentity) {
    const started = await start();
    const back = await consent(started.url, identity);
    return { started, back, ...(await callback(back, started.cookie)) };
  }

  const exchange = (code: string) => t.http.post('/api/v1/auth/google/exchange', { code });

  async function usersWithEmail(email: string) {
    return t.sql<{ id: string; google_subject: string | null; password_hash: string | null }>(
      'select id, google_subject, password_hash from users where email = ?',
      [email.toLowerCase()],
    );
  }

  it('answers a consent URL on the configured endpoint with client, redirect, scopes, PKCE and a fresh state', async () => {
    const { res, url, setCookie, browserKey, state } = await start();
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(res.body)).toEqual(['url']);
    expect(`${url.origin}${url.pathname}`).toBe(`${google.url}/o/oauth2/v2/auth`);
    const p = url.searchParams;
    expect(p.get('client_id')).toBe(google.clientId);
    expect(p.get('redirect_uri')).toBe(REDIRECT_URL);
    expect(p.get('response_type')).toBe('code');
    expect(p.get('scope')).toBe('openid email profile');
    expect(p.get('access_type')).toBe('online');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The browser half: httpOnly, Lax (Google's redirect back is a top-level cross-site GET), scoped.
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\/api\/v1\/auth\/google(;|$)/);
    expect(setCookie).toMatch(/Max-Age=600/);
    expect(setCookie).not.toMatch(/Secure/i); // the redirect URL is http here
    // The server half, in Redis: 10 minutes, bound to the cookie by its hash, never the state itself.
    const stored = JSON.parse((await redis.get(stateKey(state)))!);
    expect(stored).toEqual({ browser: sha256(browserKey), codeVerifier: expect.any(String) });
    expect(createHash('sha256').update(stored.codeVerifier).digest('base64url')).toBe(
      p.get('code_challenge'),
    );
    const ttl = await redis.ttl(stateKey(state));
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
    const again = await start();
    expect(again.state).not.toBe(state);
    expect(again.browserKey).not.toBe(browserKey);
  });

  it('creates a password-less account with its audit row and credit allowance, and hands out tokens only on exchange', async () => {
    const identity = newIdentity({ email: uniqueEmail('new').toUpperCase() });
    const tokenCallsBefore = google.requestsTo('POST', '/token').length;
    const { started, res, location, code, error } = await signIn(identity);
    expect(error).toBeNull();
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...location.searchParams.keys()]).toEqual(['code']); // no tokens in the URL
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    // The state cookie is cleared and the state is spent.
    expect(res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`))).toMatch(
      /Expires=Thu, 01 Jan 1970|Max-Age=0/,
    );
    expect(await redis.exists(stateKey(started.state))).toBe(0);

    // What Google was asked: the code, our client, the same redirect URI and the PKCE verifier.
    const tokenCalls = google.requestsTo('POST', '/token');
    expect(tokenCalls).toHaveLength(tokenCallsBefore + 1);
    const form = tokenCalls.at(-1)!.form;
    expect(form).toMatchObject({
      grant_type: 'authorization_code',
      client_id: google.clientId,
      client_secret: google.clientSecret,
      redirect_uri: REDIRECT_URL,
    });
    expect(createHash('sha256').update(form.code_verifier).digest('base64url')).toBe(
      started.url.searchParams.get('code_challenge'),
    );
    expect(google.requestsTo('GET', '/oauth2/v3/userinfo').at(-1)!.headers.authorization).toMatch(
      /^Bearer ya29\./,
    );

    const email = identity.email.toLowerCase();
    const [user] = await usersWithEmail(email);
    expect(user).toEqual({
      id: expect.any(String),
      google_subject: identity.sub,
      password_hash: null,
    });
    const [row] = await t.sql<{
      first_name: string;
      last_name: string;
      last_login_at: string | null;
    }>('select first_name, last_name, last_login_at from users where id = ?', [user.id]);
    expect(row).toEqual({ first_name: 'Grace', last_name: 'Hopper', last_login_at: null });
    const [otc] = await t.sql<{
      purpose: string;
      token_hash: string;
      used_at: string | null;
      ttl: number;
    }>(
      `select purpose, token_hash, used_at, extract(epoch from expires_at - created_at)::int as ttl from one_time_tokens where user_id = ?`,
      [user.id],
    );
    expect(otc).toEqual({
      purpose: 'google_login',
      token_hash: sha256(code!),
      used_at: null,
      ttl: 60,
    });
    expect(await t.sql('select id from sessions where user_id = ?', [user.id])).toEqual([]);

    const res2 = await exchange(code!);
    expect(res2.status).toBe(200);
    expect(res2.body).toEqual({
      user: expect.objectContaining({
        id: user.id,
        email,
        firstName: 'Grace',
        lastName: 'Hopper',
        hasPassword: false,
        googleLinked: true,
        tier: 'free',
      }),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    const [used] = await t.sql<{ used: boolean }>(
      'select used_at is not null as used from one_time_tokens where user_id = ?',
      [user.id],
    );
    expect(used.used).toBe(true);
    expect(await t.sql('select id from sessions where user_id = ?', [user.id])).toHaveLength(1);
    const audit = await t.sql<{ action: string; after: Record<string, unknown> }>(
      'select action, after from audit_logs where target_id = ? order by created_at',
      [user.id],
    );
    expect(audit).toEqual([
      { action: 'user.registered', after: expect.objectContaining({ email, via: 'google' }) },
      { action: 'user.logged_in', after: { via: 'google' } },
    ]);

    const balance = await t.http.get('/api/v1/credits/balance', { token: res2.body.accessToken });
    expect(balance.status).toBe(200);
    expect(balance.body).toMatchObject({ tier: 'free', allowance: 3, purchased: 0, available: 3 });
    const me = await t.http.get('/api/v1/users/me', { token: res2.body.accessToken });
    expect(me.body).toMatchObject({ id: user.id, hasPassword: false, googleLinked: true });
    // A password login is impossible for this account.
    const login = await t.http.post('/api/v1/auth/login', { email, password: 'anything-at-all' });
    expect(login.status).toBe(401);
  });

  it('signs the same Google account into the same user the second time', async () => {
    const identity = newIdentity();
    const first = await signIn(identity);
    const a = await exchange(first.code!);
    // Google lets people change their address: the Google id, not the email, finds the account.
    const second = await signIn({ ...identity, email: uniqueEmail('renamed') });
    const b = await exchange(second.code!);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.user.id).toBe(a.body.user.id);
    expect(b.body.user.email).toBe(identity.email);
    expect(await usersWithEmail(identity.email)).toHaveLength(1);
    expect(
      await t.sql('select id from users where google_subject = ?', [identity.sub]),
    ).toHaveLength(1);
    expect(await t.sql('select id from sessions where user_id = ?', [a.body.user.id])).toHaveLength(
      2,
    );
    const actions = await t.sql<{ action: string }>(
      'select action from audit_logs where target_id = ? order by created_at',
      [a.body.user.id],
    );
    expect(actions.map((r) => r.action)).toEqual([
      'user.registered',
      'user.logged_in',
      'user.logged_in',
    ]);
    const ledger = await t.sql('select id from credit_events where stream_id = ?', [
      `credits-${a.body.user.id}`,
    ]);
    expect(ledger).toHaveLength(1); // one allowance, not one per sign-in
  });

  it('links an existing password account with the same verified email and keeps its password', async () => {
    const registered = await registerUser(t);
    const identity = newIdentity({ email: registered.email.toUpperCase() });
    const { code, error } = await signIn(identity);
    expect(error).toBeNull();
    const res = await exchange(code!);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id: registered.id,
      hasPassword: true,
      googleLinked: true,
    });
    const rows = await usersWithEmail(registered.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: registered.id,
      google_subject: identity.sub,
      password_hash: expect.stringMatching(/^\$2b\$/),
    });
    const audit = await t.sql<{ action: string; after: Record<string, unknown> }>(
      'select action, after from audit_logs where target_id = ? order by created_at',
      [registered.id],
    );
    expect(audit.map((r) => r.action)).toEqual([
      'user.registered',
      'user.google_linked',
      'user.logged_in',
    ]);
    expect(audit[1].after).toEqual({ googleLinked: true, matchedBy: 'verified email' });
    const login = await t.http.post('/api/v1/auth/login', {
      email: registered.email,
      password: registered.password,
    });
    expect(login.status).toBe(200);
  });

  it('refuses a second Google account for an email already linked to another one', async () => {
    const first = newIdentity();
    const linked = await exchange((await signIn(first)).code!);
    expect(linked.status).toBe(200);
    const other = await signIn(newIdentity({ email: first.email }));
    expect(other.error).toBe('AUTH.GOOGLE_ACCOUNT_MISMATCH');
    expect(await usersWithEmail(first.email)).toEqual([
      { id: linked.body.user.id, google_subject: first.sub, password_hash: null },
    ]);
    expect(
      await t.sql('select id from one_time_tokens where user_id = ?', [linked.body.user.id]),
    ).toHaveLength(1);
  });

  it('refuses forged, missing and reused states with an error redirect, before asking Google anything', async () => {
    const identity = newIdentity();
    const tokenCalls = () => google.requestsTo('POST', '/token').length;

    // Forged: a state we never issued, with a real code from Google and a real cookie.
    const started = await start();
    const back = new URL(await consent(started.url, identity), 'http://x');
    const callsBefore = tokenCalls();
    back.searchParams.set('state', randomBytes(32).toString('base64url'));
    const forged = await callback(`${back.pathname}${back.search}`, started.cookie);
    expect(forged.error).toBe('AUTH.GOOGLE_STATE_INVALID');
    expect(forged.code).toBeNull();

    // Missing.
    back.searchParams.delete('state');
    const missing = await callback(`${back.pathname}${back.search}`, started.cookie);
    expect(missing.error).toBe('AUTH.GOOGLE_STATE_INVALID');
    expect(tokenCalls()).toBe(callsBefore);
    expect(await usersWithEmail(identity.email)).toEqual([]);

    // Reused: the genuine callback works once; replayed (same URL, same cookie), it is refused.
    const genuine = await signIn(identity);
    expect(genuine.code).toEqual(expect.any(String));
    const callsAfterGenuine = tokenCalls();
    const replay = await callback(genuine.back, genuine.started.cookie);
    expect(replay.error).toBe('AUTH.GOOGLE_STATE_INVALID');
    expect(tokenCalls()).toBe(callsAfterGenuine);
    const [user] = await usersWithEmail(identity.email);
    expect(await t.sql('select id from one_time_tokens where user_id = ?', [user.id])).toHaveLength(
      1,
    );
  });

  it('refuses a state presented without the cookie of the browser that started it, and burns it', async () => {
    const identity = newIdentity();
    const started = await start();
    const back = await consent(started.url, identity);
    const other = await start(); // another browser's cookie

    const noCookie = await callback(back);
    expect(noCookie.error).toBe('AUTH.GOOGLE_STATE_INVALID');
    expect(await redis.exists(stateKey(started.state))).toBe(0);
    // After that, not even the right browser can use it: a state is single use.
    const rightBrowserLate = await callback(back, started.cookie);
    expect(rightBrowserLate.error).toBe('AUTH.GOOGLE_STATE_INVALID');

    const started2 = await start();
    const back2 = await consent(started2.url, identity);
    const wrongCookie = await callback(back2, other.cookie);
    expect(wrongCookie.error).toBe('AUTH.GOOGLE_STATE_INVALID');
    expect(await usersWithEmail(identity.email)).toEqual([]);
    expect(google.codes.get(new URL(back, 'http://x').searchParams.get('code')!)!.used).toBe(false);
  });

  it('refuses an email Google has not verified: no account created, none linked', async () => {
    const registered = await registerUser(t);
    for (const email of [uniqueEmail('unverified'), registered.email]) {
      const { error, code } = await signIn(newIdentity({ email, email_verified: false }));
      expect(error).toBe('AUTH.GOOGLE_EMAIL_UNVERIFIED');
      expect(code).toBeNull();
    }
    expect(
      await t.sql('select id from users where google_subject is not null and email like ?', [
        'unverified-%',
      ]),
    ).toEqual([]);
    expect(await usersWithEmail(registered.email)).toEqual([
      { id: registered.id, google_subject: null, password_hash: expect.any(String) },
    ]);
    expect(
      await t.sql('select id from one_time_tokens where user_id = ?', [registered.id]),
    ).toEqual([]);
  });

  it('sends a suspended account to the error redirect and records the refusal', async () => {
    const identity = newIdentity();
    const first = await signIn(identity);
    const ok = await exchange(first.code!);
    await t.sql(`update users set status = 'suspended' where id = ?`, [ok.body.user.id]);
    const again = await signIn(identity);
    expect(again.error).toBe('USER.SUSPENDED');
    expect(
      await t.sql('select id from one_time_tokens where user_id = ?', [ok.body.user.id]),
    ).toHaveLength(1);
    const [failed] = await t.sql<{ action: string; reason: string }>(
      `select action, reason from audit_logs where target_id = ? and action = 'user.login_failed'`,
      [ok.body.user.id],
    );
    expect(failed).toEqual({ action: 'user.login_failed', reason: 'account suspended' });
  });

  it('swaps a code for tokens exactly once, also when two exchanges race', async () => {
    const first = await signIn(newIdentity());
    const ok = await exchange(first.code!);
    expect(ok.status).toBe(200);
    const again = await exchange(first.code!);
    expect(again.status).toBe(400);
    expect(again.headers.get('content-type')).toContain(PROBLEM);
    expect(again.body.type).toMatch(/AUTH\.INVALID_LOGIN_CODE$/);
    expect(
      await t.sql('select id from sessions where user_id = ?', [ok.body.user.id]),
    ).toHaveLength(1);

    const second = await signIn(newIdentity());
    const raced = await Promise.all([exchange(second.code!), exchange(second.code!)]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 400]);
    const winner = raced.find((r) => r.status === 200)!;
    expect(
      await t.sql('select id from sessions where user_id = ?', [winner.body.user.id]),
    ).toHaveLength(1);

    const unknown = await exchange(randomBytes(32).toString('base64url'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.type).toMatch(/AUTH\.INVALID_LOGIN_CODE$/);
    const invalid = await t.http.post('/api/v1/auth/google/exchange', {});
    expect(invalid.status).toBe(400);
    expect(invalid.body.type).toMatch(/VALIDATION\.FAILED$/);
  });

  it('refuses an expired code', async () => {
    const { code } = await signIn(newIdentity());
    await t.sql(
      `update one_time_tokens set expires_at = now() - interval '1 second' where token_hash = ?`,
      [sha256(code!)],
    );
    const res = await exchange(code!);
    expect(res.status).toBe(400);
    expect(res.body.type).toMatch(/AUTH\.INVALID_LOGIN_CODE$/);
    const [row] = await t.sql<{ used_at: string | null; user_id: string }>(
      'select used_at, user_id from one_time_tokens where token_hash = ?',
      [sha256(code!)],
    );
    expect(row.used_at).toBeNull();
    expect(await t.sql('select id from sessions where user_id = ?', [row.user_id])).toEqual([]);
  });

  it("names Google's error in the redirect when the token endpoint refuses, or the person cancels", async () => {
    const identity = newIdentity();
    google.failNext('POST', '/token', {
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Bad Request' },
    });
    const refused = await signIn(identity);
    expect(refused.error).toBe('AUTH.GOOGLE_FAILED');
    expect(refused.location.searchParams.get('reason')).toBe('invalid_grant');
    expect(refused.code).toBeNull();

    google.failNext('POST', '/token', {
      status: 401,
      body: { error: 'invalid_client', error_description: 'Unauthorized' },
    });
    const badClient = await signIn(identity);
    expect(badClient.location.searchParams.get('reason')).toBe('invalid_client');

    google.failNext('GET', '/oauth2/v3/userinfo', {
      status: 401,
      body: { error: 'invalid_request', error_description: 'Invalid Credentials' },
    });
    const noProfile = await signIn(identity);
    expect(noProfile.error).toBe('AUTH.GOOGLE_FAILED');
    expect(noProfile.location.searchParams.get('reason')).toBe('invalid_request');

    const started = await start();
    google.denyConsent();
    const cancelled = await callback(await consent(started.url, identity), started.cookie);
    expect(cancelled.error).toBe('AUTH.GOOGLE_FAILED');
    expect(cancelled.location.searchParams.get('reason')).toBe('access_denied');
    expect(await redis.exists(stateKey(started.state))).toBe(0);

    expect(await usersWithEmail(identity.email)).toEqual([]);
  });

  it('documents the three routes in the OpenAPI document', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/v1/auth/google'].get).toBeDefined();
    expect(res.body.paths['/api/v1/auth/google/callback'].get.responses['302']).toBeDefined();
    expect(res.body.paths['/api/v1/auth/google/exchange'].post.responses['200']).toBeDefined();
  });
});

describe('Google sign-in, not configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ APP_URL });
  });
  afterAll(() => t?.close());

  it('answers a 503 problem on all three endpoints and stores nothing', async () => {
    const answers = [
      await t.http.get('/api/v1/auth/google'),
      await t.http.get(
        `/api/v1/auth/google/callback?code=abc&state=${randomBytes(32).toString('base64url')}`,
        {
          headers: { cookie: `${COOKIE}=x` },
        },
      ),
      await t.http.post('/api/v1/auth/google/exchange', { code: 'abc' }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body).toMatchObject({ status: 503, title: 'Google sign-in is not configured' });
      expect(res.body.type).toMatch(/AUTH\.GOOGLE_NOT_CONFIGURED$/);
      expect(res.body.detail).toContain('GOOGLE_CLIENT_ID');
      expect(res.headers.getSetCookie()).toEqual([]);
    }
    expect(await t.sql('select id from one_time_tokens')).toEqual([]);
    expect(await t.sql('select id from users')).toEqual([]);
    const keys = await (async () => {
      const redis = new Redis(TEST_REDIS_URL);
      try {
        return await redis.keys(`${t.config.REDIS_PREFIX}:google-signin:*`);
      } finally {
        redis.disconnect();
      }
    })();
    expect(keys).toEqual([]);
  });
});
