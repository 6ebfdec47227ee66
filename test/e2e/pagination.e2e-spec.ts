import { startTestApp, TestApp } from '../support/test-app';
import { registerUser, RegisteredUser } from '../support/users';
import { createProject } from '../support/projects';
import { createAdmin } from '../support/admins';

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors come back from clients: a damaged or forged one is the client's mistake, never a 500. */
describe('pagination cursors', () => {
  let t: TestApp;
  let ada: RegisteredUser;
  let admin: RegisteredUser;
  let projectId: string;
  beforeAll(async () => {
    t = await startTestApp({ JOB_RECONCILE_INTERVAL_MS: '600000' });
    [ada, admin] = await Promise.all([registerUser(t), createAdmin(t)]);
    projectId = (await createProject(t, ada)).id;
  });
  afterAll(() => t.close());

  const forged = [
    cursorOf({ t: 'yesterday', id: 'x' }),
    cursorOf({ t: '2020-01-01T00:00:00.000Z', id: 'not-a-uuid' }),
    cursorOf({ t: {}, id: [] }),
    cursorOf({ t: '-271821-04-20T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
    // Impossible dates JavaScript parses (it rolls them over) and PostgreSQL refuses.
    cursorOf({ u: 1, t: '2026-02-30T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
    cursorOf({ t: '2026-04-31T12:00:00.000Z', startedAt: '2026-04-31T12:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
    cursorOf({ t: '0000-01-01T00:00:00.000Z', id: '00000000-0000-4000-8000-000000000000' }),
    cursorOf({ u: 'x', t: 'y', id: 'z' }),
    cursorOf({ v: 'abc' }),
    cursorOf({ v: 1e300 }),
    cursorOf({ startedAt: 'x', id: 'y' }),
    cursorOf('just a string'),
  ];

  it('answers a forged cursor on every list with a 400 problem', async () => {
    const lists: [string, RegisteredUser][] = [
      ['/api/v1/projects', ada],
      [`/api/v1/projects/${projectId}/versions`, ada],
      ['/api/v1/jobs', ada],
      ['/api/v1/notifications', ada],
      ['/api/v1/users/me/sessions', ada],
      ['/api/v1/credits/ledger', ada],
      ['/api/v1/admin/users', admin],
      ['/api/v1/admin/jobs/failed', admin],
      ['/api/v1/admin/moderation', admin],
      ['/api/v1/admin/audit-logs', admin],
      ['/api/v1/admin/credits/reset-runs', admin],
    ];
    const failures: string[] = [];
    for (const [path, user] of lists) {
      for (const cursor of forged) {
        const res = await t.http.get(`${path}?cursor=${cursor}`, { token: user.accessToken });
        const ok =
          res.status === 400 &&
          /application\/problem\+json/.test(res.headers.get('content-type') ?? '') &&
          /PAGINATION\.BAD_CURSOR$/.test(res.body?.type ?? '');
        if (!ok) failures.push(`${path} ${Buffer.from(cursor, 'base64url').toString()} -> ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('still pages with the cursors the API issues', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    for (const title of ['two', 'three']) {
      await t.http.patch(`/api/v1/projects/${project.id}`, { title }, { token: user.accessToken });
    }
    const firstVersions = await t.http.get(`/api/v1/projects/${project.id}/versions?limit=2`, { token: user.accessToken });
    const nextVersions = await t.http.get(`/api/v1/projects/${project.id}/versions?limit=2&cursor=${firstVersions.body.nextCursor}`, {
      token: user.accessToken,
    });
    expect(nextVersions.body.items.map((v: { version: number }) => v.version)).toEqual([1]);

    await t.http.post('/api/v1/auth/login', { email: user.email, password: user.password });
    const firstSessions = await t.http.get('/api/v1/users/me/sessions?limit=1', { token: user.accessToken });
    const nextSessions = await t.http.get(`/api/v1/users/me/sessions?limit=1&cursor=${firstSessions.body.nextCursor}`, { token: user.accessToken });
    expect(nextSessions.status).toBe(200);
    expect(nextSessions.body.items).toHaveLength(1);
    expect(nextSessions.body.items[0].id).not.toBe(firstSessions.body.items[0].id);

    await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const firstLedger = await t.http.get('/api/v1/credits/ledger?limit=1', { token: user.accessToken });
    const nextLedger = await t.http.get(`/api/v1/credits/ledger?limit=1&cursor=${firstLedger.body.nextCursor}`, { token: user.accessToken });
    expect([firstLedger.body.items[0].type, nextLedger.body.items[0].type]).toEqual(['CreditsReserved', 'AllowanceGranted']);
  });
});
