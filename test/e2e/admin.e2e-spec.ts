import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { startTestApp, TestApp } from '../support/test-app';
import { createAdmin } from '../support/admins';
import { registerUser, RegisteredUser } from '../support/users';
import { balance, createProject } from '../support/projects';

const PROBLEM = 'application/problem+json';
const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

async function registerNamed(t: TestApp, email: string, firstName: string, lastName: string): Promise<RegisteredUser> {
  const password = 'correct horse battery staple';
  const res = await t.http.post('/api/v1/auth/register', { email, password, firstName, lastName });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  return { id: res.body.user.id, email, password, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}

const auditRows = (t: TestApp, targetId: string, action: string) =>
  t.sql<{ actor_id: string | null; before: any; after: any; reason: string | null; context: any }>(
    'select actor_id, before, after, reason, context from audit_logs where target_id = ? and action = ? order by created_at',
    [targetId, action],
  );

describe('admin: users, audit trail, stats', () => {
  let t: TestApp;
  let admin: RegisteredUser;
  beforeAll(async () => {
    t = await startTestApp({ JOB_RECONCILE_INTERVAL_MS: '600000' });
    admin = await createAdmin(t);
  });
  afterAll(() => t.close());

  it('refuses every admin route to anonymous callers (401) and to normal users (403), changing nothing', async () => {
    const user = await registerUser(t);
    const target = await registerUser(t);
    const project = await createProject(t, target);
    const job = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: target.accessToken });
    expect(job.status).toBe(202);
    const routes: [string, string, unknown?][] = [
      ['GET', '/api/v1/admin/users?q=example'],
      ['GET', `/api/v1/admin/users/${target.id}`],
      ['POST', `/api/v1/admin/users/${target.id}/suspend`, { reason: 'spam' }],
      ['POST', `/api/v1/admin/users/${target.id}/reactivate`, {}],
      ['PATCH', `/api/v1/admin/users/${target.id}`, { tier: 'pro', role: 'admin' }],
      ['POST', `/api/v1/admin/users/${target.id}/credits`, { amount: 5, reason: 'gift' }],
      ['GET', '/api/v1/admin/audit-logs'],
      ['GET', '/api/v1/admin/moderation'],
      ['POST', `/api/v1/admin/projects/${project.id}/approve`, {}],
      ['POST', `/api/v1/admin/projects/${project.id}/reject`, { reason: 'no' }],
      ['GET', '/api/v1/admin/jobs/failed'],
      ['POST', `/api/v1/admin/jobs/${job.body.id}/retry`, { free: true }],
      ['POST', `/api/v1/admin/jobs/${job.body.id}/cancel`, {}],
      ['GET', '/api/v1/admin/stats'],
    ];
    for (const [method, path, body] of routes) {
      const anonymous = await t.http.request<any>(method, path, body, {});
      expect([path, anonymous.status]).toEqual([path, 401]);
      expect(anonymous.headers.get('content-type')).toContain(PROBLEM);
      const forbidden = await t.http.request<any>(method, path, body, { token: user.accessToken });
      expect([path, forbidden.status]).toEqual([path, 403]);
      expect(forbidden.headers.get('content-type')).toContain(PROBLEM);
      expect(forbidden.body.type).toMatch(/AUTH\.FORBIDDEN$/);
    }
    const [row] = await t.sql('select status, tier, role from users where id = ?', [target.id]);
    expect(row).toEqual({ status: 'active', tier: 'free', role: 'user' });
    expect(await t.sql(`select status from jobs where id = ?`, [job.body.id])).toEqual([{ status: 'queued' }]);
    expect(await t.sql(`select moderation_state from projects where id = ?`, [project.id])).toEqual([{ moderation_state: 'none' }]);
    expect(await balance(t, target)).toMatchObject({ purchased: 0, reserved: 1 });
    expect(await t.sql(`select action from audit_logs where action <> 'user.registered' and (actor_id = ? or target_id = ?)`, [user.id, target.id])).toEqual([]);
  });

  it('searches users by partial email or name, case-insensitively, and pages stably', async () => {
    const tag = `srch${Date.now().toString(36)}`;
    const ada = await registerNamed(t, `ada.${tag}@example.com`, 'Ada', 'Lovelace');
    const grace = await registerNamed(t, `grace.${tag}@example.org`, 'Grace', 'Hopper');
    const alan = await registerNamed(t, `turing.${tag}@example.net`, 'Alan', 'Turing');
    const get = (query: string) => t.http.get(`/api/v1/admin/users?${query}`, { token: admin.accessToken });

    const byEmail = await get(`q=${tag.toUpperCase()}`);
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.items.map((u: { id: string }) => u.id)).toEqual([alan.id, grace.id, ada.id]);
    expect(byEmail.body.items[0]).toMatchObject({ email: alan.email, firstName: 'Alan', role: 'user', status: 'active', suspendedReason: null });
    expect(byEmail.body.items[0].passwordHash).toBeUndefined();

    const byName = await get('q=' + encodeURIComponent('grace hop'));
    expect(byName.body.items.map((u: { id: string }) => u.id)).toEqual([grace.id]);
    expect((await get('q=LOVELACE')).body.items.map((u: { id: string }) => u.id)).toEqual([ada.id]);
    expect((await get(`q=${encodeURIComponent('%')}${tag}`)).body.items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await get(`q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      // A user registered between pages must neither repeat nor shift the following page.
      if (!seen.length) await registerNamed(t, `late.${tag}@example.com`, 'Late', 'Comer');
      seen.push(...page.body.items.map((u: { id: string }) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([alan.id, grace.id, ada.id]);

    for (const bad of ['cursor=forged', 'limit=0', 'limit=101', 'status=frozen', 'tier=gold', `q=${'x'.repeat(201)}`, 'unknown=1']) {
      const res = await get(bad);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
    }
    expect((await get(`q=${tag}&status=suspended`)).body.items).toEqual([]);
  });

  it('serves the search from the trigram indexes, not a scan of users', async () => {
    const orm = t.app.get(MikroORM);
    // 10,000 accounts in a transaction that is rolled back, so the planner prices the real query on a
    // realistic table (a tiny one is always scanned) and the suite's data stays as it was.
    let plan = '';
    await orm.em
      .fork()
      .transactional(async (tx) => {
        const em = tx as EntityManager;
        await em.execute(
          `insert into users (id, email, first_name, last_name, created_at)
           select gen_random_uuid(), 'bulk' || i || '@example.com', 'First' || i, 'Last' || i, now() - i * interval '1 second'
             from generate_series(1, 10000) as i`,
        );
        await em.execute('analyze users');
        const rows: { 'QUERY PLAN': string }[] = await em.execute(
          `explain select * from users where deleted_at is null
             and (lower(email) like '%qzx-ada%' or lower(first_name || ' ' || last_name) like '%qzx-ada%')
           order by created_at desc, id desc limit 21`,
        );
        plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        throw new Error('rollback');
      })
      .catch((error: Error) => {
        if (error.message !== 'rollback') throw error;
      });
    expect(plan).toContain('users_email_trgm_idx');
    expect(plan).toContain('users_name_trgm_idx');
  });

  it('shows one user: profile, balance, recent jobs and live sessions', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const job = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const res = await t.http.get(`/api/v1/admin/users/${user.id}`, { token: admin.accessToken });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, email: user.email, tier: 'free', status: 'active', lastLoginAt: expect.any(String) });
    expect(res.body.balance).toMatchObject({ tier: 'free', available: 2, reserved: 1 });
    expect(res.body.recentJobs.map((j: { id: string }) => j.id)).toEqual([job.body.id]);
    expect(res.body.sessions).toHaveLength(1);
    expect(res.body.sessions[0].current).toBe(false);

    const missing = await t.http.get(`/api/v1/admin/users/${ZERO_UUID}`, { token: admin.accessToken });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain(PROBLEM);
    expect((await t.http.get('/api/v1/admin/users/not-a-uuid', { token: admin.accessToken })).status).toBe(400);
  });

  it('suspends (ending every session, audited) and reactivates a user', async () => {
    const user = await registerUser(t);
    const phone = await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password });

    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 'ok', extra: 1 }]) {
      const bad = await t.http.post(`/api/v1/admin/users/${user.id}/suspend`, body, { token: admin.accessToken });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain(PROBLEM);
    }
    expect(await t.sql('select status from users where id = ?', [user.id])).toEqual([{ status: 'active' }]);

    const res = await t.http.post(`/api/v1/admin/users/${user.id}/suspend`, { reason: 'chargeback fraud' }, { token: admin.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, status: 'suspended', suspendedReason: 'chargeback fraud' });
    expect(await t.sql('select status, suspended_reason from users where id = ?', [user.id])).toEqual([
      { status: 'suspended', suspended_reason: 'chargeback fraud' },
    ]);
    expect(await t.sql('select count(*)::int as n from sessions where user_id = ? and revoked_at is null', [user.id])).toEqual([{ n: 0 }]);
    for (const token of [user.accessToken, phone.body.accessToken]) {
      expect([401, 403]).toContain((await t.http.get('/api/v1/users/me', { token })).status);
    }
    expect((await t.http.post('/api/v1/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(401);
    expect((await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password })).status).toBe(403);
    const [audit] = await auditRows(t, user.id, 'user.suspended');
    expect(audit).toMatchObject({
      actor_id: admin.id,
      before: { status: 'active', suspendedReason: null },
      after: { status: 'suspended', suspendedReason: 'chargeback fraud', sessionsRevoked: 2 },
      reason: 'chargeback fraud',
      context: { requestId: expect.any(String) },
    });

    const again = await t.http.post(`/api/v1/admin/users/${user.id}/suspend`, { reason: 'twice' }, { token: admin.accessToken });
    expect(again.status).toBe(409);
    expect(await auditRows(t, user.id, 'user.suspended')).toHaveLength(1);

    const back = await t.http.post(`/api/v1/admin/users/${user.id}/reactivate`, undefined, { token: admin.accessToken });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'active', suspendedReason: null });
    expect(await t.sql('select status, suspended_reason from users where id = ?', [user.id])).toEqual([{ status: 'active', suspended_reason: null }]);
    expect(await auditRows(t, user.id, 'user.reactivated')).toEqual([
      expect.objectContaining({ actor_id: admin.id, before: { status: 'suspended', suspendedReason: 'chargeback fraud' }, after: { status: 'active', suspendedReason: null } }),
    ]);
    expect((await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password })).status).toBe(200);
    expect((await t.http.post(`/api/v1/admin/users/${user.id}/reactivate`, { reason: 'again' }, { token: admin.accessToken })).status).toBe(409);
    expect((await t.http.post(`/api/v1/admin/users/${ZERO_UUID}/suspend`, { reason: 'ghost' }, { token: admin.accessToken })).status).toBe(404);
  });

  it('changes the tier through the credits ledger, in one audited transaction', async () => {
    const user = await registerUser(t);
    const res = await t.http.patch(`/api/v1/admin/users/${user.id}`, { tier: 'pro', reason: 'sales deal' }, { token: admin.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tier: 'pro', role: 'user' });
    expect(await t.sql('select tier from users where id = ?', [user.id])).toEqual([{ tier: 'pro' }]);
    expect(await balance(t, user)).toMatchObject({ allowance: 30, available: 30 });
    const events = await t.sql<{ type: string; metadata: any }>(
      `select type, metadata from credit_events where stream_id = ? order by version`,
      [`credits-${user.id}`],
    );
    expect(events.slice(-2)).toEqual([
      expect.objectContaining({ type: 'TierChanged', metadata: expect.objectContaining({ actorId: admin.id }) }),
      expect.objectContaining({ type: 'AllowanceGranted' }),
    ]);
    const [audit] = await auditRows(t, user.id, 'user.tier_changed');
    expect(audit).toMatchObject({ actor_id: admin.id, before: { tier: 'free' }, after: { tier: 'pro', effective: 'now', grantedNow: 27 }, reason: 'sales deal' });

    // The same tier again changes nothing and audits nothing.
    expect((await t.http.patch(`/api/v1/admin/users/${user.id}`, { tier: 'pro' }, { token: admin.accessToken })).status).toBe(200);
    expect(await auditRows(t, user.id, 'user.tier_changed')).toHaveLength(1);

    for (const body of [{}, { tier: 'gold' }, { role: 'root' }, { tier: 'free', email: 'x@example.com' }, { reason: 'only a reason' }]) {
      const bad = await t.http.patch(`/api/v1/admin/users/${user.id}`, body, { token: admin.accessToken });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain(PROBLEM);
    }
    expect(await t.sql('select tier, role from users where id = ?', [user.id])).toEqual([{ tier: 'pro', role: 'user' }]);
    expect(await auditRows(t, user.id, 'user.tier_changed')).toHaveLength(1);
  });

  it('promotes and demotes; an admin cannot suspend or demote themself, nor take away the last admin', async () => {
    const user = await registerUser(t);
    const promoted = await t.http.patch(`/api/v1/admin/users/${user.id}`, { role: 'admin', reason: 'new staff' }, { token: admin.accessToken });
    expect(promoted.status).toBe(200);
    expect(await auditRows(t, user.id, 'user.role_changed')).toEqual([
      expect.objectContaining({ actor_id: admin.id, before: { role: 'user' }, after: { role: 'admin' }, reason: 'new staff' }),
    ]);
    // The new admin's existing token now opens admin routes (the role is read per request).
    expect((await t.http.get('/api/v1/admin/stats', { token: user.accessToken })).status).toBe(200);

    const selfSuspend = await t.http.post(`/api/v1/admin/users/${admin.id}/suspend`, { reason: 'oops' }, { token: admin.accessToken });
    expect(selfSuspend.status).toBe(409);
    expect(selfSuspend.body.type).toMatch(/ADMIN\.SELF_ACTION$/);
    const selfDemote = await t.http.patch(`/api/v1/admin/users/${admin.id}`, { role: 'user' }, { token: admin.accessToken });
    expect(selfDemote.status).toBe(409);
    expect(selfDemote.body.type).toMatch(/ADMIN\.SELF_ACTION$/);
    expect(await t.sql('select role, status from users where id = ?', [admin.id])).toEqual([{ role: 'admin', status: 'active' }]);

    // Two admins demoting each other at once: one wins, the other finds it would remove the last admin.
    const [a, b] = await Promise.all([
      t.http.patch(`/api/v1/admin/users/${user.id}`, { role: 'user' }, { token: admin.accessToken }),
      t.http.patch(`/api/v1/admin/users/${admin.id}`, { role: 'user' }, { token: user.accessToken }),
    ]);
    expect([a.status, b.status].filter((s) => s === 200)).toHaveLength(1);
    const loser = a.status === 200 ? b : a;
    expect([403, 409]).toContain(loser.status);
    expect(await t.sql(`select count(*)::int as n from users where role = 'admin' and status = 'active' and id in (?, ?)`, [admin.id, user.id])).toEqual([{ n: 1 }]);

    // Whoever is left is the last admin of these two; restore the suite's admin for the next tests.
    if (a.status !== 200) {
      expect((await t.http.patch(`/api/v1/admin/users/${admin.id}`, { role: 'admin' }, { token: user.accessToken })).status).toBe(200);
      expect((await t.http.patch(`/api/v1/admin/users/${user.id}`, { role: 'user' }, { token: admin.accessToken })).status).toBe(200);
    }
    expect(await t.sql('select role from users where id in (?, ?) order by role', [admin.id, user.id])).toEqual([{ role: 'admin' }, { role: 'user' }]);
  });

  it('grants credits into the ledger with an audit row; bad amounts change nothing', async () => {
    const user = await registerUser(t);
    for (const body of [{ amount: 0, reason: 'x' }, { amount: -3, reason: 'x' }, { amount: 1.5, reason: 'x' }, { amount: '5', reason: 'x' }, { amount: 5 }, { amount: 100001, reason: 'x' }]) {
      const bad = await t.http.post(`/api/v1/admin/users/${user.id}/credits`, body, { token: admin.accessToken });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain(PROBLEM);
    }
    const missing = await t.http.post(`/api/v1/admin/users/${ZERO_UUID}/credits`, { amount: 5, reason: 'x' }, { token: admin.accessToken });
    expect(missing.status).toBe(404);
    expect(await balance(t, user)).toMatchObject({ purchased: 0, available: 3 });

    const res = await t.http.post(`/api/v1/admin/users/${user.id}/credits`, { amount: 5, reason: 'outage apology' }, { token: admin.accessToken });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ amount: 5, grantId: expect.any(String), balance: { purchased: 5, available: 8 } });
    expect(await balance(t, user)).toMatchObject({ purchased: 5, available: 8 });
    const [event] = await t.sql<{ payload: any; metadata: any; idempotency_key: string }>(
      `select payload, metadata, idempotency_key from credit_events where stream_id = ? and type = 'CreditsGranted'`,
      [`credits-${user.id}`],
    );
    expect(event.idempotency_key).toBe(`grant:${res.body.grantId}`);
    expect(event.metadata).toMatchObject({ actorId: admin.id });
    expect(await auditRows(t, user.id, 'credits.granted')).toEqual([
      expect.objectContaining({
        actor_id: admin.id,
        before: { purchased: 0, available: 3 },
        after: expect.objectContaining({ purchased: 5, available: 8, amount: 5 }),
        reason: 'outage apology',
        context: expect.objectContaining({ grantId: res.body.grantId }),
      }),
    ]);
    expect(await t.sql(`select count(*)::int as n from audit_logs where action = 'credits.granted' and target_id = ?`, [ZERO_UUID])).toEqual([{ n: 0 }]);
  });

  it('lists the audit trail filtered by actor, action, target and date, newest first, paged', async () => {
    const user = await registerUser(t);
    await t.http.post(`/api/v1/admin/users/${user.id}/credits`, { amount: 1, reason: 'one' }, { token: admin.accessToken });
    await t.http.post(`/api/v1/admin/users/${user.id}/credits`, { amount: 2, reason: 'two' }, { token: admin.accessToken });
    await t.http.post(`/api/v1/admin/users/${user.id}/suspend`, { reason: 'three' }, { token: admin.accessToken });
    const get = (query: string) => t.http.get(`/api/v1/admin/audit-logs?${query}`, { token: admin.accessToken });

    const byTarget = await get(`targetType=user&targetId=${user.id}`);
    expect(byTarget.status).toBe(200);
    expect(byTarget.body.items.map((r: { action: string }) => r.action)).toEqual(['user.suspended', 'credits.granted', 'credits.granted', 'user.registered']);
    expect(byTarget.body.items[0]).toMatchObject({ actorId: admin.id, targetType: 'user', targetId: user.id, reason: 'three', createdAt: expect.any(String) });

    const grants = await get(`action=credits.granted&targetId=${user.id}&actorId=${admin.id}`);
    expect(grants.body.items.map((r: { reason: string }) => r.reason)).toEqual(['two', 'one']);
    const page1 = await get(`targetId=${user.id}&limit=3`);
    const page2 = await get(`targetId=${user.id}&limit=3&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items].map((r: { id: string }) => r.id)).toEqual(byTarget.body.items.map((r: { id: string }) => r.id));
    expect(page2.body.nextCursor).toBeNull();

    const future = new Date(Date.now() + 3_600_000).toISOString();
    const past = new Date(Date.now() - 3_600_000).toISOString();
    expect((await get(`targetId=${user.id}&from=${future}`)).body.items).toEqual([]);
    expect((await get(`targetId=${user.id}&from=${past}&to=${future}`)).body.items).toHaveLength(4);
    expect((await get(`targetId=${user.id}&to=${past}`)).body.items).toEqual([]);

    for (const bad of ['actorId=nope', 'from=yesterday', `from=${future}&to=${past}`, 'action=DROP TABLE', 'cursor=forged', 'limit=500']) {
      const res = await get(bad);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
    }
  });

  it('reports users, projects, jobs and credits figures from the owning modules', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const res = await t.http.get('/api/v1/admin/stats', { token: admin.accessToken });
    expect(res.status).toBe(200);
    const [users] = await t.sql<{ n: number }>('select count(*)::int as n from users where deleted_at is null');
    const [pro] = await t.sql<{ n: number }>(`select count(*)::int as n from users where deleted_at is null and tier = 'pro'`);
    const [projects] = await t.sql<{ n: number }>('select count(*)::int as n from projects where deleted_at is null');
    const [queued] = await t.sql<{ n: number }>(`select count(*)::int as n from jobs where status = 'queued'`);
    expect(res.body.users).toMatchObject({ total: users.n, byTier: expect.objectContaining({ pro: pro.n }), registeredInRange: users.n });
    expect(res.body.users.activeLast24h).toBeGreaterThanOrEqual(1);
    expect(res.body.projects).toMatchObject({ total: projects.n, createdInRange: projects.n });
    expect(res.body.jobs.byStatus.queued).toBe(queued.n);
    expect(res.body.jobs.queue).toMatchObject({ waiting: expect.any(Number), active: expect.any(Number) });
    expect(res.body.jobs.averageProcessingMs).toBeNull();
    // Credits figures are sums of the ledger in the range; compare with the ledger itself.
    const [ledger] = await t.sql<{ allowance: number; admin: number; reserved: number }>(
      `select coalesce(sum((payload->>'amount')::int) filter (where type = 'AllowanceGranted'), 0)::int as allowance,
              coalesce(sum((payload->>'amount')::int) filter (where type = 'CreditsGranted'), 0)::int as admin,
              (select coalesce(sum(reserved), 0)::int from credit_balances) as reserved
         from credit_events`,
    );
    expect(ledger.reserved).toBeGreaterThanOrEqual(1);
    expect(res.body.credits).toEqual({
      granted: { allowance: ledger.allowance, admin: ledger.admin },
      purchased: 0,
      spent: 0,
      refunded: 0,
      reservedNow: ledger.reserved,
      revenue: [],
    });

    const empty = await t.http.get(`/api/v1/admin/stats?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`, { token: admin.accessToken });
    expect(empty.body).toMatchObject({ range: { from: '2020-01-01T00:00:00.000Z' }, users: { registeredInRange: 0 }, projects: { createdInRange: 0 } });
    for (const bad of ['from=soon', 'to=2020-01-01T00:00:00Z&from=2021-01-01T00:00:00Z', 'extra=1']) {
      expect((await t.http.get(`/api/v1/admin/stats?${bad}`, { token: admin.accessToken })).status).toBe(400);
    }
  });
});
