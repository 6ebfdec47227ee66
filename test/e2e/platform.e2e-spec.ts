import { startTestApp, TestApp } from '../support/test-app';
import { registerUser } from '../support/users';
import { createProject } from '../support/projects';
import { createAdmin } from '../support/admins';
import { SseClient } from '../support/sse-client';

describe('platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness with PostgreSQL and Redis checked', async () => {
    const live = await t.http.get('/health/live');
    expect(live.status).toBe(200);
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({
      database: { status: 'up' },
      redis: { status: 'up' },
      mail: { status: 'not_configured', detail: expect.stringContaining('SMTP_URL') },
    });
  });

  it('answers an unknown route with a problem and echoes the request id', async () => {
    const res = await t.http.get('/api/v1/no-such-thing', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    expect(res.body).toMatchObject({ status: 404, title: 'Not found', requestId: 'trace-abc-123', instance: '/api/v1/no-such-thing' });
    expect(res.body.type).toMatch(/HTTP\.NOT_FOUND$/);
  });

  it('replaces an unsafe request id with its own', async () => {
    const res = await t.http.get('/health/live', { headers: { 'x-request-id': 'bad id\twith spaces' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves a valid OpenAPI 3 document with bearer auth at /docs-json, and Swagger UI at /docs', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/register', '/api/v1/users/me']));
    const ui = await t.http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('counts requests by route and status in Prometheus metrics', async () => {
    await t.http.get('/health/live');
    const res = await t.http.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
  });

  it('answers malformed JSON, an oversized body and a wrong content type with problems', async () => {
    const bad = await t.http.post('/api/v1/auth/login', undefined, { raw: '{"email": "a@b.c", ' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.detail).toMatch(/not valid JSON/);

    const huge = await t.http.post('/api/v1/auth/login', { email: 'x'.repeat(2_000_000), password: 'p' });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');

    const xml = await t.http.post('/api/v1/auth/login', undefined, { raw: '<a/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.status).toBe(415);
    expect(xml.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses NUL characters (which PostgreSQL cannot store) in any field with a field problem, and stores nothing', async () => {
    const user = await registerUser(t);
    const admin = await createAdmin(t);
    const project = await createProject(t, user);
    const tables = () =>
      t.sql(`select (select count(*) from users)::int as users, (select count(*) from projects)::int as projects,
                    (select count(*) from project_versions)::int as versions, (select count(*) from jobs)::int as jobs,
                    (select string_agg(first_name, ',') from users where id = '${user.id}') as name`);
    const before = await tables();
    const cases: [string, Promise<{ status: number; headers: Headers; body: any }>][] = [
      ['title', t.http.post('/api/v1/projects', { title: 'Night\u0000Shift', script: 'A keeper climbs.' }, { token: user.accessToken })],
      ['script', t.http.post('/api/v1/projects', { title: 'Night', script: 'A keeper\u0000 climbs.' }, { token: user.accessToken })],
      ['script', t.http.patch(`/api/v1/projects/${project.id}`, { script: 'A keeper\u0000 climbs.' }, { token: user.accessToken })],
      ['parameters.note', t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation', parameters: { note: 'a\u0000b' } }, { token: user.accessToken })],
      ['parameters.a\\u0000b', t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation', parameters: { 'a\u0000b': 1 } }, { token: user.accessToken })],
      ['firstName', t.http.patch('/api/v1/users/me', { firstName: 'Ada\u0000' }, { token: user.accessToken })],
      ['firstName', t.http.post('/api/v1/auth/register', { email: 'nul@example.com', password: 'correct horse', firstName: 'A\u0000', lastName: 'B' })],
      ['email', t.http.post('/api/v1/auth/login', { email: `${user.email}\u0000`, password: user.password })],
      ['q', t.http.get('/api/v1/projects?q=a%00b', { token: user.accessToken })],
      ['q', t.http.get('/api/v1/admin/users?q=a%00b', { token: admin.accessToken })],
      ['targetId', t.http.get('/api/v1/admin/audit-logs?targetId=%00', { token: admin.accessToken })],
    ];
    for (const [field, request] of cases) {
      const res = await request;
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.type).toMatch(/VALIDATION\.FAILED$/);
      expect(res.body.errors).toContainEqual({ field, messages: [expect.stringMatching(/NUL character/)] });
    }
    // Other problems of the same body are still named beside it.
    const both = await t.http.post('/api/v1/projects', { title: 'a\u0000', script: '' }, { token: user.accessToken });
    expect(both.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['script', 'title']);
    expect(await tables()).toEqual(before);
  });

  it('refuses bodies nested deeper than 32 levels with a field problem instead of overflowing the stack', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
    const cases: [string, string, string][] = [
      [`/api/v1/projects/${project.id}/jobs`, `{"type":"full_generation","parameters":${nested(3000)}}`, 'parameters'],
      ['/api/v1/projects', `{"title":"x","script":"hello","options":{"voice":${'['.repeat(3000)}${']'.repeat(3000)}}}`, 'options'],
      ['/api/v1/auth/login', `{"email":${nested(40)},"password":"x"}`, 'email'],
    ];
    for (const [path, raw, field] of cases) {
      const res = await t.http.post(path, undefined, { token: user.accessToken, raw });
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors).toContainEqual({ field, messages: [expect.stringMatching(/more than 32 levels deep/)] });
    }
    // Free-form parameters nested a reasonable depth are still accepted.
    const fine = await t.http.post(`/api/v1/projects/${project.id}/jobs`, undefined, { token: user.accessToken, raw: `{"type":"full_generation","parameters":${nested(20)}}` });
    expect(fine.status).toBe(202);
    expect(await t.sql('select count(*)::int as n from jobs where user_id = ?', [user.id])).toEqual([{ n: 1 }]);
  });
});

describe('shutdown', () => {
  it('ends open event streams so the API can stop (the HTTP server waits for open responses)', async () => {
    const t = await startTestApp({});
    const user = await registerUser(t);
    const streams = await Promise.all([SseClient.open(`${t.url}/api/v1/events`, user.accessToken), SseClient.open(`${t.url}/api/v1/events`, user.accessToken)]);
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      t.close().then(() => 'closed'),
      new Promise((resolve) => (timer = setTimeout(() => resolve('still running after 15 s'), 15_000))),
    ]);
    clearTimeout(timer);
    try {
      expect(outcome).toBe('closed');
      // Ended by the server: the client has not closed them.
      for (const stream of streams) await stream.waitForEnd();
    } finally {
      streams.forEach((stream) => stream.close());
    }
  });
});
