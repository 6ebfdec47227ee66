import { QueryBus } from '@nestjs/cqrs';
import { GetJobQuery } from '../../src/modules/jobs/queries/get-job/get-job.query';
import { JobReconciler } from '../../src/modules/jobs/queue/job-reconciler';
import { RenderQueue } from '../../src/modules/jobs/queue/render-queue';
import { RealtimeHub } from '../../src/platform/realtime/realtime-hub';
import { startTestApp, TestApp } from '../support/test-app';
import { registerUser } from '../support/users';
import { balance, createProject } from '../support/projects';
import { SseClient } from '../support/sse-client';

/** Submission, waiting, cancelling before a runner is involved (no runner runs in this suite). */
describe('jobs: submission and the queue', () => {
  let t: TestApp;
  let queue: RenderQueue;
  beforeAll(async () => {
    t = await startTestApp({ JOB_RECONCILE_INTERVAL_MS: '600000' });
    queue = t.app.get(RenderQueue);
  });
  afterAll(() => t.close());

  it('queues a full generation, reserves its credit and hands it to Bull with the mapped priority', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const res = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation', priority: 3 }, { token: user.accessToken });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/v1/jobs/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'queued', type: 'full_generation', priority: 3, cost: 1, attempt: 1, projectVersion: 1, waitingForSlot: false });
    expect(await balance(t, user)).toMatchObject({ available: 2, reserved: 1 });
    const bullJob = await queue.get(res.body.id, 1);
    expect(bullJob?.opts.priority).toBe(1);
    expect(bullJob?.data).toMatchObject({ jobId: res.body.id, attempt: 1, type: 'full_generation', title: 'The Lighthouse', options: { resolution: '480p' } });
    const projectNow = await t.http.get(`/api/v1/projects/${project.id}`, { token: user.accessToken });
    expect(projectNow.body).toMatchObject({ status: 'queued', latestJobId: res.body.id });
  });

  it('returns the first job for a repeated Idempotency-Key, also when sent in parallel', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const send = () =>
      t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken, headers: { 'idempotency-key': 'render-once' } });
    const results = await Promise.all([send(), send(), send(), send()]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 202)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(await t.sql('select count(*)::int as n from jobs where user_id = ?', [user.id])).toEqual([{ n: 1 }]);
    expect(await balance(t, user)).toMatchObject({ reserved: 1, available: 2 });
  });

  it('refuses an Idempotency-Key sent again with another request, also in parallel, and changes nothing', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const other = await createProject(t, user);
    const key = { 'idempotency-key': 'render-once' };
    const first = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation', priority: 2, parameters: { a: 1, b: 2 } }, { token: user.accessToken, headers: key });
    expect(first.status).toBe(202);
    // The same request, its parameters in another order and the default priority spelled out, is a resubmission.
    const again = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation', parameters: { b: 2, a: 1 } }, { token: user.accessToken, headers: key });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const different = [
      [other.id, { type: 'full_generation', parameters: { a: 1, b: 2 } }],
      [project.id, { type: 'full_generation', priority: 3, parameters: { a: 1, b: 2 } }],
      [project.id, { type: 'full_generation', parameters: { a: 1 } }],
      [project.id, { type: 'video_composition', parameters: { a: 1, b: 2 } }],
    ] as const;
    for (const [projectId, body] of different) {
      const res = await t.http.post(`/api/v1/projects/${projectId}/jobs`, body, { token: user.accessToken, headers: key });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.type).toMatch(/IDEMPOTENCY\.KEY_REUSED$/);
    }
    // Two different requests racing on one fresh key: one job is made, the other is refused.
    const raced = await Promise.all(
      [project.id, other.id].map((id) =>
        t.http.post(`/api/v1/projects/${id}/jobs`, { type: 'full_generation' }, { token: user.accessToken, headers: { 'idempotency-key': 'raced' } }),
      ),
    );
    expect(raced.map((r) => r.status).sort()).toEqual([202, 422]);
    expect(await t.sql('select count(*)::int as n from jobs where user_id = ?', [user.id])).toEqual([{ n: 2 }]);
    expect(await balance(t, user)).toMatchObject({ reserved: 2, available: 1 });
  });

  it('accepts exactly as many parallel submissions as there are credits; a 402 leaves nothing behind', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken })),
    );
    expect(results.filter((r) => r.status === 202)).toHaveLength(3);
    const refused = results.filter((r) => r.status === 402);
    expect(refused).toHaveLength(7);
    expect(refused[0].body).toMatchObject({ required: 1, available: 0 });
    expect(refused[0].body.type).toMatch(/CREDITS\.INSUFFICIENT$/);
    expect(await t.sql('select count(*)::int as n from jobs where user_id = ?', [user.id])).toEqual([{ n: 3 }]);
    expect(await balance(t, user)).toMatchObject({ available: 0, reserved: 3 });
  });

  it('holds jobs beyond the plan\'s concurrency (free: 1) until a slot frees', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const first = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const second = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    expect(second.body).toMatchObject({ status: 'queued', waitingForSlot: true });
    expect(await queue.get(second.body.id, 1)).toBeNull();
    const cancel = await t.http.post(`/api/v1/jobs/${first.body.id}/cancel`, undefined, { token: user.accessToken });
    expect(cancel.status).toBe(202);
    expect(cancel.body.status).toBe('cancelled');
    expect(await queue.get(first.body.id, 1)).toBeNull();
    const promoted = await t.http.get(`/api/v1/jobs/${second.body.id}`, { token: user.accessToken });
    expect(promoted.body.waitingForSlot).toBe(false);
    expect(await queue.get(second.body.id, 1)).not.toBeNull();
  });

  it('never hands more jobs to Bull than the plan allows, also for parallel submissions', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const jobs = await Promise.all(
      [1, 2, 3].map(() => t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken })),
    );
    expect(jobs.map((j) => j.status)).toEqual([202, 202, 202]);
    const inBull = await Promise.all(jobs.map((j) => queue.get(j.body.id, 1)));
    expect(inBull.filter(Boolean)).toHaveLength(1);
    const [row] = await t.sql<{ n: number }>('select count(*)::int as n from jobs where user_id = ? and enqueued_at is not null', [user.id]);
    expect(row.n).toBe(1);
  });

  it('cancels a waiting job once: credits released, the project back to its previous status', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const job = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const cancel = await t.http.post(`/api/v1/jobs/${job.body.id}/cancel`, undefined, { token: user.accessToken });
    expect(cancel.body).toMatchObject({ status: 'cancelled' });
    expect(await balance(t, user)).toMatchObject({ available: 3, reserved: 0 });
    const again = await t.http.post(`/api/v1/jobs/${job.body.id}/cancel`, undefined, { token: user.accessToken });
    expect(again.status).toBe(409);
    const projectNow = await t.http.get(`/api/v1/projects/${project.id}`, { token: user.accessToken });
    expect(projectNow.body.status).toBe('draft');
    const ledger = await t.sql<{ type: string }>(
      `select type from credit_events where stream_id = ? and type like 'Reservation%' order by version`,
      [`credits-${user.id}`],
    );
    expect(ledger.map((e) => e.type)).toEqual(['ReservationReleased']);
  });

  it("a job's stream shows an end that commits while the stream opens (it listens before it reads the job)", async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const job = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    // The stream's read of the job returns the job as it was; the cancel commits and is published meanwhile.
    const queries = t.app.get(QueryBus);
    const execute = queries.execute.bind(queries);
    let raced = false;
    const spy = jest.spyOn(queries, 'execute').mockImplementation(async (query: any) => {
      if (!(query instanceof GetJobQuery) || raced) return execute(query);
      raced = true;
      const before = await execute(query);
      // Returned only once the cancel's event has reached this process, so a stream that subscribed
      // after its read would certainly have missed it.
      const heard = new Promise<void>((resolve) => {
        const stop = t.app.get(RealtimeHub).listen(user.id, (event) => {
          if (event.type === 'job.cancelled') {
            stop();
            resolve();
          }
        });
      });
      expect((await t.http.post(`/api/v1/jobs/${job.body.id}/cancel`, undefined, { token: user.accessToken })).status).toBe(202);
      await heard;
      return before;
    });
    const stream = await SseClient.open(`${t.url}/api/v1/jobs/${job.body.id}/events`, user.accessToken);
    try {
      const ended = await stream.waitFor((e) => e.type === 'job.cancelled', 10_000);
      expect(raced).toBe(true);
      expect(ended.data).toMatchObject({ jobId: job.body.id, status: 'cancelled' });
      expect(stream.events.map((e) => e.type)).toEqual(['job.progress', 'job.cancelled']);
    } finally {
      stream.close();
      spy.mockRestore();
    }
  });

  it("follows a job whose id the client spells in capitals", async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const job = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const stream = await SseClient.open(`${t.url}/api/v1/jobs/${job.body.id.toUpperCase()}/events`, user.accessToken);
    try {
      await stream.waitFor((e) => e.type === 'job.progress');
      expect((await t.http.post(`/api/v1/jobs/${job.body.id}/cancel`, undefined, { token: user.accessToken })).status).toBe(202);
      expect((await stream.waitFor((e) => e.type === 'job.cancelled', 10_000)).data.jobId).toBe(job.body.id);
    } finally {
      stream.close();
    }
  });

  it('refuses a single-step job with no finished film to start from', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const res = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'video_composition' }, { token: user.accessToken });
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/JOB\.NO_BASE_RENDER$/);
    expect(await balance(t, user)).toMatchObject({ available: 3, reserved: 0 });
  });

  it('refuses bad submissions with problems and reserves nothing', async () => {
    const user = await registerUser(t);
    const other = await registerUser(t);
    const project = await createProject(t, user);
    const foreign = await createProject(t, other);
    const cases: [string, unknown, number, Record<string, string>?][] = [
      [project.id, { type: 'make_it_pop' }, 400],
      [project.id, { type: 'full_generation', priority: -1 }, 400],
      [project.id, { type: 'full_generation', priority: 4 }, 400],
      [project.id, { type: 'full_generation', priority: 2.5 }, 400],
      [project.id, { type: 'full_generation', parameters: { blob: 'x'.repeat(20_000) } }, 400],
      [project.id, { type: 'full_generation', parameters: 'not an object' }, 400],
      [project.id, { type: 'full_generation', surprise: true }, 400],
      [project.id, { type: 'full_generation' }, 400, { 'idempotency-key': 'x'.repeat(300) }],
      [foreign.id, { type: 'full_generation' }, 404],
      ['00000000-0000-4000-8000-000000000000', { type: 'full_generation' }, 404],
      ['not-a-uuid', { type: 'full_generation' }, 400],
    ];
    for (const [projectId, body, status, headers] of cases) {
      const res = await t.http.post(`/api/v1/projects/${projectId}/jobs`, body, { token: user.accessToken, headers });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    expect(await t.sql('select count(*)::int as n from jobs where user_id = ?', [user.id])).toEqual([{ n: 0 }]);
    expect(await balance(t, user)).toMatchObject({ available: 3, reserved: 0 });
  });

  it("never shows, cancels or retries another user's job", async () => {
    const user = await registerUser(t);
    const other = await registerUser(t);
    const project = await createProject(t, user);
    const job = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    for (const res of [
      await t.http.get(`/api/v1/jobs/${job.body.id}`, { token: other.accessToken }),
      await t.http.post(`/api/v1/jobs/${job.body.id}/cancel`, undefined, { token: other.accessToken }),
      await t.http.post(`/api/v1/jobs/${job.body.id}/retry`, undefined, { token: other.accessToken }),
      await t.http.get(`/api/v1/jobs/${job.body.id}/events`, { token: other.accessToken }),
    ]) {
      expect(res.status).toBe(404);
    }
    const list = await t.http.get('/api/v1/jobs', { token: other.accessToken });
    expect(list.body.items).toEqual([]);
    const mine = await t.http.get('/api/v1/jobs?status=queued&type=full_generation', { token: user.accessToken });
    expect(mine.body.items.map((j: { id: string }) => j.id)).toEqual([job.body.id]);
  });

  it('deleting a project cancels its jobs and releases their credits', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    expect(await balance(t, user)).toMatchObject({ reserved: 2 });
    expect((await t.http.delete(`/api/v1/projects/${project.id}`, undefined, { token: user.accessToken })).status).toBe(204);
    expect(await balance(t, user)).toMatchObject({ available: 3, reserved: 0 });
    expect(await t.sql(`select distinct status from jobs where user_id = ?`, [user.id])).toEqual([{ status: 'cancelled' }]);
  });

  it('deleting an account cancels its jobs, takes them off the queue and releases their credits', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const running = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const waiting = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    expect(waiting.body.waitingForSlot).toBe(true);
    expect(await queue.get(running.body.id, 1)).not.toBeNull();

    expect((await t.http.delete('/api/v1/users/me', { password: user.password }, { token: user.accessToken })).status).toBe(204);
    expect(await t.sql('select status from jobs where user_id = ? order by created_at', [user.id])).toEqual([{ status: 'cancelled' }, { status: 'cancelled' }]);
    expect(await queue.get(running.body.id, 1)).toBeNull();
    expect(await queue.get(waiting.body.id, 1)).toBeNull();
    const ledger = await t.sql<{ type: string }>(`select type from credit_events where stream_id = ? and type like 'Reservation%'`, [`credits-${user.id}`]);
    expect(ledger.map((e) => e.type)).toEqual(['ReservationReleased', 'ReservationReleased']);
  });

  it('cancels the jobs a delete left behind when its process died before cancelling them (the reconciler)', async () => {
    const [owner, leaver] = [await registerUser(t), await registerUser(t)];
    const [kept, dropped] = [await createProject(t, owner), await createProject(t, owner)];
    const leaversProject = await createProject(t, leaver);
    const submit = (project: { id: string }, user: { accessToken: string }) =>
      t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    const keptJob = await submit(kept, owner);
    const droppedJob = await submit(dropped, owner);
    const leaversJob = await submit(leaversProject, leaver);
    // The deletes committed; the cancels that follow them never ran.
    await t.sql('update projects set deleted_at = now() where id = ?', [dropped.id]);
    await t.sql('update users set deleted_at = now() where id = ?', [leaver.id]);

    const report = await t.app.get(JobReconciler).reconcile();
    expect(report.cancelled).toBeGreaterThanOrEqual(2); // the suite's other tests leave no orphans, but they are not this test's to count
    await t.app.get(JobReconciler).reconcile();
    const status = async (id: string) => (await t.sql<{ status: string }>('select status from jobs where id = ?', [id]))[0].status;
    expect([await status(keptJob.body.id), await status(droppedJob.body.id), await status(leaversJob.body.id)]).toEqual(['queued', 'cancelled', 'cancelled']);
    expect(await queue.get(leaversJob.body.id, 1)).toBeNull();
    expect(await balance(t, owner)).toMatchObject({ reserved: 1, available: 2 });
    const released = await t.sql<{ n: number }>(`select count(*)::int as n from credit_events where stream_id = ? and type = 'ReservationReleased'`, [`credits-${leaver.id}`]);
    expect(released).toEqual([{ n: 1 }]); // once, though the reconciler passed twice
  });

  it('ends, rather than renders again, a job whose cancel was requested when the queue lost it', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const job = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken });
    // A runner had it and its owner asked to stop it; then Redis lost the job (and the cancel key).
    await t.sql(`update jobs set status = 'processing', cancel_requested_at = now(), enqueued_at = now() - interval '10 seconds' where id = ?`, [job.body.id]);
    await (await queue.get(job.body.id, 1))!.remove();

    await t.app.get(JobReconciler).reconcile();
    expect(await t.sql('select status from jobs where id = ?', [job.body.id])).toEqual([{ status: 'cancelled' }]);
    expect(await queue.get(job.body.id, 1)).toBeNull();
    expect(await balance(t, user)).toMatchObject({ reserved: 0, available: 3 });
  });

  it('leaves no job alive and no credit reserved when a project is deleted while jobs are being submitted to it', async () => {
    const user = await registerUser(t);
    for (let round = 0; round < 5; round++) {
      const project = await createProject(t, user);
      const [deleted, ...submitted] = await Promise.all([
        t.http.delete(`/api/v1/projects/${project.id}`, undefined, { token: user.accessToken }),
        ...[1, 2, 3].map(() => t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: user.accessToken })),
      ]);
      expect(deleted.status).toBe(204);
      // Each submission was either refused as the project vanished, or accepted and then cancelled with it.
      for (const res of submitted) expect([202, 404]).toContain(res.status);
      const live = await t.sql('select id, status from jobs where project_id = ? and status in (?, ?)', [project.id, 'queued', 'processing']);
      expect({ round, live }).toEqual({ round, live: [] });
      expect(await balance(t, user)).toMatchObject({ reserved: 0, available: 3 });
    }
  });
});
