import Bull from 'bull';
import { QUEUES, type JobResultMessage } from '@afs/contracts';
import { mailSubject, SmtpInbox } from '../fakes/smtp-inbox';
import { startTestApp, TestApp } from '../support/test-app';
import { registerUser, RegisteredUser } from '../support/users';
import { createProject } from '../support/projects';
import { SseClient } from '../support/sse-client';
import { eventually } from '../support/eventually';

/**
 * The runner's side is played by sending its result messages on the real job-results queue: the
 * API's own processor applies them, as it does for a real runner.
 */
describe('notifications', () => {
  const inbox = new SmtpInbox();
  let t: TestApp;
  let results: Bull.Queue<JobResultMessage>;

  beforeAll(async () => {
    const smtpUrl = await inbox.start();
    t = await startTestApp({ SMTP_URL: smtpUrl, OUTBOX_POLL_MS: '100', JOB_CONCURRENCY_FREE: '5' });
    results = new Bull(QUEUES.jobResults, t.config.REDIS_URL, { prefix: t.config.REDIS_PREFIX });
  });
  afterAll(async () => {
    await results.close();
    await t.close();
    await inbox.stop();
  });

  async function finish(user: RegisteredUser, outcome: 'completed' | 'failed') {
    const project = await createProject(t, user, { title: `Film ${outcome}` });
    const job = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const now = new Date().toISOString();
    await results.add({
      jobId: job.body.id,
      attempt: 1,
      outcome,
      outputs: [],
      final: true,
      stepsRun: [],
      stepsSkipped: [],
      startedAt: now,
      finishedAt: now,
      ...(outcome === 'failed' ? { error: 'voice step failed: espeak-ng exited with code 1', failedStep: 'voice' as const } : {}),
    });
    return job.body.id as string;
  }

  it('notifies in the app, live on SSE and by mail when a job completes or fails; credits low once they run out', async () => {
    const user = await registerUser(t);
    const stream = await SseClient.open(`${t.url}/api/v1/events`, user.accessToken);
    const done = await finish(user, 'completed');
    const live = await stream.waitFor((e) => e.type === 'notification' && e.data.type === 'job.completed');
    expect(live.data).toMatchObject({ title: '"Film completed" is ready', read: false, data: { jobId: done } });
    const failed = await finish(user, 'failed');
    const liveFail = await stream.waitFor((e) => e.type === 'notification' && e.data.type === 'job.failed');
    expect(liveFail.data.body).toContain('espeak-ng exited with code 1');
    // Free plan: 3 credits; the failed job's credit came back, so the third completion spends the last one.
    await finish(user, 'completed');
    await finish(user, 'completed');
    await stream.waitFor((e) => e.type === 'notification' && e.data.type === 'credits.low');
    stream.close();

    let list = await t.http.get('/api/v1/notifications', { token: user.accessToken });
    await eventually(async () => {
      list = await t.http.get('/api/v1/notifications', { token: user.accessToken });
      expect(list.body.items.map((n: { type: string }) => n.type).sort()).toEqual(['credits.low', 'job.completed', 'job.completed', 'job.completed', 'job.failed']);
    });
    expect(list.body.items.find((n: { type: string }) => n.type === 'job.failed').data).toMatchObject({ jobId: failed });

    await eventually(async () => {
      const mails = inbox.messages.filter((m) => m.to.includes(user.email));
      expect(mails.map(mailSubject).sort()).toEqual([
        '"Film completed" is ready',
        '"Film completed" is ready',
        '"Film completed" is ready',
        '"Film failed" could not be rendered',
      ]);
    });
  });

  it('sends no mail to users who turned mail off, and never notifies twice for one result', async () => {
    const user = await registerUser(t);
    await t.http.patch('/api/v1/users/me', { mailNotifications: false }, { token: user.accessToken });
    const jobId = await finish(user, 'completed');
    await eventually(async () => {
      const [row] = await t.sql<{ n: number }>('select count(*)::int as n from notifications where user_id = ?', [user.id]);
      expect(row.n).toBe(1);
    });
    // The same result again (at-least-once delivery): nothing changes.
    const now = new Date().toISOString();
    const again = await results.add({ jobId, attempt: 1, outcome: 'completed', outputs: [], final: true, stepsRun: [], stepsSkipped: [], startedAt: now, finishedAt: now });
    // Wait until the API's processor has handled it (false: the job had already ended, so no event).
    expect(await again.finished()).toBe(false);
    expect(await t.sql('select count(*)::int as n from notifications where user_id = ?', [user.id])).toEqual([{ n: 1 }]);
    expect(await t.sql("select count(*)::int as n from outbox where payload->>'to' = ?", [user.email])).toEqual([{ n: 0 }]);
  });

  it('lists unread first, marks one or all read, and hides other users\' notifications', async () => {
    const user = await registerUser(t);
    const other = await registerUser(t);
    await finish(user, 'completed');
    await finish(user, 'failed');
    let items: { id: string; type: string; read: boolean }[] = [];
    await eventually(async () => {
      items = (await t.http.get('/api/v1/notifications', { token: user.accessToken })).body.items;
      expect(items).toHaveLength(2);
    });
    const older = items[1];
    expect((await t.http.post(`/api/v1/notifications/${older.id}/read`, undefined, { token: other.accessToken })).status).toBe(404);
    const read = await t.http.post(`/api/v1/notifications/${older.id}/read`, undefined, { token: user.accessToken });
    expect(read.body).toEqual({ updated: 1 });
    const page1 = await t.http.get('/api/v1/notifications?limit=1', { token: user.accessToken });
    expect(page1.body.items[0]).toMatchObject({ id: items[0].id, read: false });
    const page2 = await t.http.get(`/api/v1/notifications?limit=1&cursor=${page1.body.nextCursor}`, { token: user.accessToken });
    expect(page2.body.items[0]).toMatchObject({ id: older.id, read: true });
    expect(page2.body.nextCursor).toBeNull();
    expect((await t.http.post('/api/v1/notifications/read-all', undefined, { token: user.accessToken })).body).toEqual({ updated: 1 });
    expect((await t.http.get('/api/v1/notifications', { token: other.accessToken })).body.items).toEqual([]);
  });
});
