import jwt from 'jsonwebtoken';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { registerUser, uniqueEmail } from '../support/users';

const PROBLEM = 'application/problem+json';

describe('auth: register, login, refresh, logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers and answers the user with a token pair', async () => {
    const email = uniqueEmail();
    const res = await t.http.post('/api/v1/auth/register', {
      email: `  ${email.toUpperCase()} `,
      password: 'correct horse battery staple',
      firstName: 'Ada',
      lastName: 'Lovelace',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: expect.objectContaining({ email, firstName: 'Ada', lastName: 'Lovelace', tier: 'free', role: 'user', status: 'active' }),
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    expect(res.body.user).not.toHaveProperty('passwordHash');
    const [row] = await t.sql<{ password_hash: string }>('select password_hash from users where id = ?', [res.body.user.id]);
    expect(row.password_hash).toMatch(/^\$2b\$/);
    const audit = await t.sql('select action from audit_logs where target_id = ?', [res.body.user.id]);
    expect(audit).toEqual([{ action: 'user.registered' }]);
    const me = await t.http.get('/api/v1/users/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
  });

  it('refuses a second account for the same email in any case, also when both race', async () => {
    const email = uniqueEmail('race');
    const body = (e: string) => ({ email: e, password: 'correct horse battery staple', firstName: 'A', lastName: 'B' });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => t.http.post('/api/v1/auth/register', body(i % 2 ? email.toUpperCase() : email))),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const conflicts = results.filter((r) => r.status === 409);
    expect(conflicts).toHaveLength(7);
    expect(conflicts[0].headers.get('content-type')).toContain(PROBLEM);
    expect(conflicts[0].body.type).toMatch(/USER\.EMAIL_TAKEN$/);
    const rows = await t.sql('select id from users where email = ?', [email]);
    expect(rows).toHaveLength(1);
  });

  it('answers bad registrations with per-field problems and stores nothing', async () => {
    const before = await t.sql<{ n: string }>('select count(*)::int as n from users');
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email', password: 'correct horse', firstName: 'A', lastName: 'B' }, 'email'],
      [{ email: `${'a'.repeat(250)}@x.io`, password: 'correct horse', firstName: 'A', lastName: 'B' }, 'email'],
      [{ email: uniqueEmail(), password: 'é'.repeat(37), firstName: 'A', lastName: 'B' }, 'password'],
      [{ email: uniqueEmail(), password: 'short', firstName: 'A', lastName: 'B' }, 'password'],
      [{ email: uniqueEmail(), password: 'correct horse', firstName: 'A', lastName: 'B', role: 'admin' }, 'role'],
      [{ email: uniqueEmail(), password: 'correct horse', firstName: 'x'.repeat(101), lastName: 'B' }, 'firstName'],
      [{ email: uniqueEmail(), password: 12345678, firstName: 'A', lastName: 'B' }, 'password'],
    ];
    for (const [body, field] of cases) {
      const res = await t.http.post('/api/v1/auth/register', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.type).toMatch(/VALIDATION\.FAILED$/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const after = await t.sql<{ n: string }>('select count(*)::int as n from users');
    expect(after).toEqual(before);
  });

  it('names the 72-byte limit rather than truncating a long password', async () => {
    const res = await t.http.post('/api/v1/auth/register', {
      email: uniqueEmail(),
      password: 'a'.repeat(73),
      firstName: 'A',
      lastName: 'B',
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'password', messages: ['password must be at most 72 bytes in UTF-8'] }]);
  });

  it('stores injection and script strings verbatim and echoes them back', async () => {
    const firstName = "Robert'); DROP TABLE users;--";
    const lastName = '<script>alert("x")</script>';
    const res = await t.http.post('/api/v1/auth/register', { email: uniqueEmail(), password: 'correct horse battery', firstName, lastName });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ firstName, lastName });
    const [row] = await t.sql('select first_name, last_name from users where id = ?', [res.body.user.id]);
    expect(row).toEqual({ first_name: firstName, last_name: lastName });
  });

  it('logs in, and refuses a wrong password with an audited 401', async () => {
    const user = await registerUser(t);
    const ok = await t.http.post('/api/v1/auth/login', { email: user.email.toUpperCase(), password: user.password });
    expect(ok.status).toBe(200);
    expect(ok.body.user.id).toBe(user.id);
    const bad = await t.http.post('/api/v1/auth/login', { email: user.email, password: 'wrong password' });
    expect(bad.status).toBe(401);
    expect(bad.body.type).toMatch(/AUTH\.INVALID_CREDENTIALS$/);
    const unknown = await t.http.post('/api/v1/auth/login', { email: uniqueEmail(), password: 'whatever1' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.detail).toBe(bad.body.detail);
    const actions = await t.sql<{ action: string }>(
      'select action from audit_logs where target_id = ? order by created_at',
      [user.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['user.registered', 'user.logged_in', 'user.login_failed']);
  });

  it('rotates refresh tokens and revokes the session when a spent one comes back', async () => {
    const user = await registerUser(t);
    const first = await t.http.post('/api/v1/auth/refresh', { refreshToken: user.refreshToken });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const second = await t.http.post('/api/v1/auth/refresh', { refreshToken: first.body.refreshToken });
    expect(second.status).toBe(200);

    const reuse = await t.http.post('/api/v1/auth/refresh', { refreshToken: user.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.type).toMatch(/AUTH\.REFRESH_TOKEN_REUSED$/);
    // The thief's reuse ends the family: the latest token and the access token die too.
    const latest = await t.http.post('/api/v1/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(latest.status).toBe(401);
    const me = await t.http.get('/api/v1/users/me', { token: second.body.accessToken });
    expect(me.status).toBe(401);
    const [session] = await t.sql('select revoked_reason from sessions where user_id = ?', [user.id]);
    expect(session).toEqual({ revoked_reason: 'refresh token reused' });
  });

  it('lets exactly one of two parallel refreshes with the same token through', async () => {
    const user = await registerUser(t);
    const results = await Promise.all([1, 2].map(() => t.http.post('/api/v1/auth/refresh', { refreshToken: user.refreshToken })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('logs out: the refresh token and the access token stop working', async () => {
    const user = await registerUser(t);
    const out = await t.http.post('/api/v1/auth/logout', { refreshToken: user.refreshToken });
    expect(out.status).toBe(204);
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(401);
    expect((await t.http.get('/api/v1/users/me', { token: user.accessToken })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/logout', { refreshToken: user.refreshToken })).status).toBe(401);
  });

  it('refuses forged, unsigned, expired and orphaned access tokens', async () => {
    const user = await registerUser(t);
    const { sid } = jwt.decode(user.accessToken) as { sid: string };
    const forged = jwt.sign({ sub: user.id, sid }, 'another-key-another-key-another-key-123', { algorithm: 'HS256' });
    const unsigned = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      Buffer.from(JSON.stringify({ sub: user.id, sid, exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url'),
      '',
    ].join('.');
    const expired = jwt.sign({ sub: user.id, sid, exp: Math.floor(Date.now() / 1000) - 10 }, TEST_JWT_SECRET);
    const notAUuid = jwt.sign({ sub: "1' or '1'='1", sid }, TEST_JWT_SECRET, { expiresIn: 60 });
    for (const token of [forged, unsigned, expired, notAUuid, 'garbage']) {
      const res = await t.http.get('/api/v1/users/me', { token });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
    }
    expect((await t.http.get('/api/v1/users/me', { token: expired })).body.detail).toMatch(/expired/);
    expect((await t.http.get('/api/v1/users/me')).status).toBe(401);

    const del = await t.http.delete('/api/v1/users/me', { password: user.password }, { token: user.accessToken });
    expect(del.status).toBe(204);
    const orphan = await t.http.get('/api/v1/users/me', { token: user.accessToken });
    expect(orphan.status).toBe(401);
    const relogin = await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password });
    expect(relogin.status).toBe(401);
    // The email is free again after a deletion.
    const again = await t.http.post('/api/v1/auth/register', { email: user.email, password: 'another good password', firstName: 'A', lastName: 'B' });
    expect(again.status).toBe(201);
  });

  it('stops a suspended user at the next request, at login and at refresh', async () => {
    const user = await registerUser(t);
    expect((await t.http.get('/api/v1/users/me', { token: user.accessToken })).status).toBe(200);
    await t.sql(`update users set status = 'suspended' where id = ?`, [user.id]);
    const me = await t.http.get('/api/v1/users/me', { token: user.accessToken });
    expect(me.status).toBe(403);
    expect(me.body.type).toMatch(/USER\.SUSPENDED$/);
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(403);
    expect((await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password })).status).toBe(403);
    // Without the password, suspension is not disclosed.
    expect((await t.http.post('/api/v1/auth/login', { email: user.email, password: 'not the password' })).status).toBe(401);
  });
});
