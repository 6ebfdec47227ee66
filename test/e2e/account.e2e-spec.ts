import { MailDeliveryWorker } from '../../src/platform/mail/mail-delivery.worker';
import { createAdminCli } from '../../src/modules/users/cli/create-admin.cli';
import { SmtpInbox } from '../fakes/smtp-inbox';
import { startTestApp, TestApp } from '../support/test-app';
import { registerUser, uniqueEmail } from '../support/users';
import { eventually } from '../support/eventually';

describe('account: profile, sessions, passwords, mail, limits', () => {
  const inbox = new SmtpInbox();
  let t: TestApp;
  beforeAll(async () => {
    const smtpUrl = await inbox.start();
    t = await startTestApp({ SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '100' });
  });
  afterAll(async () => {
    await t.close();
    await inbox.stop();
  });

  it('reads and updates my profile, refusing unknown and bad fields', async () => {
    const user = await registerUser(t);
    const res = await t.http.patch('/api/v1/users/me', { firstName: ' Grace ', mailNotifications: false }, { token: user.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ firstName: 'Grace', lastName: 'User', mailNotifications: false });
    for (const body of [{ email: 'new@example.com' }, { role: 'admin' }, { tier: 'enterprise' }, { firstName: '' }, { mailNotifications: 'yes' }]) {
      const bad = await t.http.patch('/api/v1/users/me', body, { token: user.accessToken });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.length).toBeGreaterThan(0);
    }
    const [row] = await t.sql('select first_name, role, tier, email from users where id = ?', [user.id]);
    expect(row).toEqual({ first_name: 'Grace', role: 'user', tier: 'free', email: user.email });
  });

  it('lists my sessions with the current one marked, pages them, and revokes one device', async () => {
    const user = await registerUser(t);
    const other = await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password }, { headers: { 'user-agent': 'PhoneApp/1.0' } });
    await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password });
    const page1 = await t.http.get('/api/v1/users/me/sessions?limit=2', { token: user.accessToken });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http.get(`/api/v1/users/me/sessions?limit=2&cursor=${page1.body.nextCursor}`, { token: user.accessToken });
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const all = [...page1.body.items, ...page2.body.items];
    expect(new Set(all.map((s: { id: string }) => s.id)).size).toBe(3);
    expect(all.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const phone = all.find((s: { userAgent: string }) => s.userAgent === 'PhoneApp/1.0');

    expect((await t.http.delete(`/api/v1/users/me/sessions/${phone.id}`, undefined, { token: user.accessToken })).status).toBe(204);
    expect((await t.http.get('/api/v1/users/me', { token: other.body.accessToken })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: other.body.refreshToken })).status).toBe(401);
    expect((await t.http.get('/api/v1/users/me', { token: user.accessToken })).status).toBe(200);
  });

  it('never shows or revokes another user\'s session', async () => {
    const alice = await registerUser(t);
    const mallory = await registerUser(t);
    const [aliceSession] = await t.sql<{ id: string }>('select id from sessions where user_id = ?', [alice.id]);
    const res = await t.http.delete(`/api/v1/users/me/sessions/${aliceSession.id}`, undefined, { token: mallory.accessToken });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const [row] = await t.sql('select revoked_at from sessions where id = ?', [aliceSession.id]);
    expect(row).toEqual({ revoked_at: null });
    const list = await t.http.get('/api/v1/users/me/sessions', { token: mallory.accessToken });
    expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(aliceSession.id);
    expect((await t.http.delete('/api/v1/users/me/sessions/not-a-uuid', undefined, { token: mallory.accessToken })).status).toBe(400);
    expect((await t.http.get('/api/v1/users/me/sessions?cursor=forged', { token: mallory.accessToken })).status).toBe(400);
  });

  it('changes the password: this device stays, every other one is signed out', async () => {
    const user = await registerUser(t);
    const laptop = await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password });
    const wrong = await t.http.post('/api/v1/auth/password/change', { currentPassword: 'nope nope', newPassword: 'a brand new secret' }, { token: user.accessToken });
    expect(wrong.status).toBe(403);
    const res = await t.http.post('/api/v1/auth/password/change', { currentPassword: user.password, newPassword: 'a brand new secret' }, { token: user.accessToken });
    expect(res.status).toBe(204);
    expect((await t.http.get('/api/v1/users/me', { token: user.accessToken })).status).toBe(200);
    expect((await t.http.get('/api/v1/users/me', { token: laptop.body.accessToken })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login', { email: user.email, password: 'a brand new secret' })).status).toBe(200);
    const audit = await t.sql('select after from audit_logs where target_id = ? and action = ?', [user.id, 'user.password_changed']);
    expect(audit).toEqual([{ after: { otherSessionsRevoked: 1 } }]);
  });

  it('resets a forgotten password through a real mail, once, and signs every device out', async () => {
    const user = await registerUser(t);
    const unknown = await t.http.post('/api/v1/auth/password/forgot', { email: uniqueEmail('nobody') });
    const known = await t.http.post('/api/v1/auth/password/forgot', { email: user.email });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);

    const mail = await inbox.waitFor(user.email);
    expect(mail.raw).toContain('Subject: Reset your AI Film Studio password');
    const token = /token=([A-Za-z0-9_-]{43})/.exec(decodeQuotedPrintable(mail.raw))?.[1];
    expect(token).toBeDefined();
    // The worker marks the row after the SMTP server accepted it; give that commit a moment.
    await eventually(async () => {
      const [outbox] = await t.sql("select status, attempts from outbox where payload->>'to' = ?", [user.email]);
      expect(outbox).toEqual({ status: 'delivered', attempts: 1 });
    });
    const nobodyMails = await t.sql("select count(*)::int as n from outbox where payload->>'to' like 'nobody-%'");
    expect(nobodyMails).toEqual([{ n: 0 }]);

    const weak = await t.http.post('/api/v1/auth/password/reset', { token, newPassword: 'short' });
    expect(weak.status).toBe(400);
    const ok = await t.http.post('/api/v1/auth/password/reset', { token, newPassword: 'reset and renewed' });
    expect(ok.status).toBe(204);
    const again = await t.http.post('/api/v1/auth/password/reset', { token, newPassword: 'a third password' });
    expect(again.status).toBe(400);
    expect(again.body.type).toMatch(/AUTH\.INVALID_RESET_TOKEN$/);
    expect((await t.http.get('/api/v1/users/me', { token: user.accessToken })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login', { email: user.email, password: 'reset and renewed' })).status).toBe(200);
    expect((await t.http.post('/api/v1/auth/password/reset', { token: 'made-up', newPassword: 'whatever123' })).status).toBe(400);
  });

  it('keeps mail queued for a later attempt, with backoff, while the SMTP server refuses it', async () => {
    const down = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:1', OUTBOX_POLL_MS: '60000' });
    try {
      const user = await registerUser(down);
      await down.http.post('/api/v1/auth/password/forgot', { email: user.email });
      await down.app.get(MailDeliveryWorker).deliverDue();
      const [row] = await down.sql<{ status: string; attempts: number; last_error: string; due_in: number }>(
        `select status, attempts, last_error, extract(epoch from next_attempt_at - now())::int as due_in from outbox`,
      );
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.last_error).toMatch(/ECONNREFUSED|connect/);
      expect(row.due_in).toBeGreaterThan(0);
    } finally {
      await down.close();
    }
  });

  it('refuses to rewrite the audit trail at the database level', async () => {
    await registerUser(t);
    await expect(t.sql(`update audit_logs set action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.sql('delete from audit_logs')).rejects.toThrow(/append-only/);
  });

  it('creates an admin from the command line, or promotes an existing account', async () => {
    const email = uniqueEmail('admin');
    expect(await createAdminCli.run({ app: t.app, args: ['--email', email, '--password', 'admin password 1'] })).toBeUndefined();
    const [created] = await t.sql('select role from users where email = ?', [email]);
    expect(created).toEqual({ role: 'admin' });
    const login = await t.http.post('/api/v1/auth/login', { email, password: 'admin password 1' });
    expect(login.body.user.role).toBe('admin');

    const user = await registerUser(t);
    await createAdminCli.run({ app: t.app, args: ['--email', user.email] });
    const rows = await t.sql('select action, before, after from audit_logs where target_id = ? and action = ?', [user.id, 'user.role_changed']);
    expect(rows).toEqual([{ action: 'user.role_changed', before: { role: 'user' }, after: { role: 'admin' } }]);
    expect(await createAdminCli.run({ app: t.app, args: ['--email', 'not an email'] })).toBe(2);
  });
});

describe('auth rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT: '3', AUTH_RATE_WINDOW_SECONDS: '60' });
  });
  afterAll(() => t.close());

  it('answers the fourth login in a minute with a 429 problem and a plain Retry-After', async () => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await t.http.post('/api/v1/auth/login', { email: 'who@example.com', password: 'whatever1' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(last!.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.body.status).toBe(429);
    // Counters live in Redis under this app's prefix, shared by every replica.
    expect(await t.http.get('/health/live').then((r) => r.status)).toBe(200);
  });
});

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
