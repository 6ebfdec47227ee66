import { createAdmin } from '../support/admins';
import { creditsResetMonthlyCli } from '../../src/modules/credits/cli/credits.cli';
import { startTestApp, TestApp } from '../support/test-app';
import { registerUser, RegisteredUser } from '../support/users';
import { createProject } from '../support/projects';

const BOARD = '/api/v1/admin/queues';

describe('admin operations: Bull Board behind its own guard, monthly reset runs', () => {
  let t: TestApp;
  let admin: RegisteredUser;
  let user: RegisteredUser;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createAdmin(t);
    user = await registerUser(t);
  });
  afterAll(() => t.close());

  it('refuses anonymous callers (401) and non-admins (403) with problems, on the page and its API', async () => {
    for (const path of [BOARD, `${BOARD}/api/queues`]) {
      const anonymous = await t.http.get(path);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
      const normal = await t.http.get(path, { token: user.accessToken });
      expect(normal.status).toBe(403);
      expect(normal.body.type).toMatch(/AUTH\.FORBIDDEN$/);
    }
    expect((await t.http.post(`${BOARD}/session`, undefined, { token: user.accessToken })).status).toBe(403);
    expect((await t.http.get(BOARD, { headers: { cookie: 'afs_queue_board=forged.value.1.x' } })).status).toBe(401);
  });

  it('shows the render, result and YouTube upload queues to an admin with a bearer token', async () => {
    const project = await createProject(t, user);
    await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const page = await t.http.get(BOARD, { token: admin.accessToken });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const api = await t.http.get(`${BOARD}/api/queues`, { token: admin.accessToken });
    expect(api.status).toBe(200);
    const names = api.body.queues.map((q: { name: string }) => q.name).sort();
    expect(names).toEqual(['job-results', 'render', 'youtube-uploads']);
    const render = api.body.queues.find((q: { name: string }) => q.name === 'render');
    expect(render.counts).toMatchObject({ waiting: 1, active: 0, failed: 0 });
  });

  it('opens a browser session with a short-lived, path-scoped cookie that dies with the session', async () => {
    const session = await t.http.post(`${BOARD}/session`, undefined, { token: admin.accessToken });
    expect(session.status).toBe(200);
    const setCookie = session.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/afs_queue_board=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toContain(`Path=${BOARD}`);
    const cookie = setCookie.split(';')[0];
    expect((await t.http.get(BOARD, { headers: { cookie } })).status).toBe(200);
    const tampered = cookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await t.http.get(BOARD, { headers: { cookie: tampered } })).status).toBe(401);
    await t.http.post('/api/v1/auth/logout', { refreshToken: admin.refreshToken });
    expect((await t.http.get(BOARD, { headers: { cookie } })).status).toBe(401);
  });

  it('shows admins when the monthly reset last ran and what it did', async () => {
    expect((await t.http.get('/api/v1/admin/credits/reset-runs')).status).toBe(401);
    expect((await t.http.get('/api/v1/admin/credits/reset-runs', { token: user.accessToken })).status).toBe(403);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await creditsResetMonthlyCli.run({ app: t.app, args: ['--dry-run'] });
    } finally {
      log.mockRestore();
    }
    const me = await t.http.post('/api/v1/auth/login', { email: admin.email, password: admin.password });
    const runs = await t.http.get('/api/v1/admin/credits/reset-runs', { token: me.body.accessToken });
    expect(runs.status).toBe(200);
    expect(runs.body.items[0]).toMatchObject({ dryRun: true, trigger: 'cli', status: 'finished', creditsGranted: 0 });
    expect(runs.body.nextCursor).toBeNull();
  });
});
