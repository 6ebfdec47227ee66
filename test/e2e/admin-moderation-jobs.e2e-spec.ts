import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus, EventBus, ofType } from '@nestjs/cqrs';
import { firstValueFrom } from 'rxjs';
import { ProjectModeratedEvent } from '../../src/modules/projects/commands/moderate-project/project-moderated.event';
import { ApplyJobResultCommand } from '../../src/modules/jobs/commands/apply-job-result/apply-job-result.command';
import { RenderQueue } from '../../src/modules/jobs/queue/render-queue';
import { startTestApp, TestApp } from '../support/test-app';
import { createAdmin } from '../support/admins';
import { registerUser, RegisteredUser } from '../support/users';
import { balance, createProject, SHORT_SCRIPT } from '../support/projects';
import { eventually } from '../support/eventually';

const PROBLEM = 'application/problem+json';
const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

const auditRows = (t: TestApp, targetId: string, action: string) =>
  t.sql<{ actor_id: string | null; before: any; after: any; reason: string | null }>(
    'select actor_id, before, after, reason from audit_logs where target_id = ? and action = ? order by created_at',
    [targetId, action],
  );

describe('admin: moderation and jobs', () => {
  let t: TestApp;
  let admin: RegisteredUser;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'afs-words-'));
    const words = join(dir, 'words.txt');
    await writeFile(words, '# our list\nforbidden zebra\nbeheading\n\n');
    t = await startTestApp({ JOB_RECONCILE_INTERVAL_MS: '600000', MODERATION_WORDS_FILE: words });
    admin = await createAdmin(t);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const submit = (user: RegisteredUser, projectId: string) =>
    t.http.post(`/api/v1/projects/${projectId}/jobs`, { type: 'full_generation' }, { token: user.accessToken });

  /** The runner's final failure, applied the way the job-results processor applies it. */
  const failJob = (jobId: string, attempt = 1) =>
    t.app.get(CommandBus).execute(
      new ApplyJobResultCommand({
        jobId,
        attempt,
        outcome: 'failed',
        outputs: [],
        error: 'voice provider unavailable',
        failedStep: 'voice',
        final: true,
        tries: 3,
        stepsRun: ['analyse', 'images'],
        stepsSkipped: [],
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
      }),
    );

  it('holds a project whose title or script trips the configured list; it cannot be rendered until approved', async () => {
    const user = await registerUser(t);
    const clean = await createProject(t, user, { title: 'Grapes of the valley' });
    const held = await createProject(t, user, { title: 'Night of the Forbidden  Zebra' });
    expect(held).toMatchObject({ moderationState: 'pending', moderationReason: expect.stringContaining('forbidden zebra') });
    expect(clean).toMatchObject({ moderationState: 'none', moderationReason: null });
    expect(await t.sql('select moderation_state from projects where id = ?', [held.id])).toEqual([{ moderation_state: 'pending' }]);

    const refused = await submit(user, held.id);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/PROJECT\.MODERATION_PENDING$/);
    expect(await t.sql('select count(*)::int as n from jobs where project_id = ?', [held.id])).toEqual([{ n: 0 }]);

    const list = await t.http.get('/api/v1/admin/moderation', { token: admin.accessToken });
    expect(list.status).toBe(200);
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).toContain(held.id);
    expect(ids).not.toContain(clean.id);
    expect(list.body.items.find((p: { id: string }) => p.id === held.id)).toMatchObject({
      userId: user.id,
      script: SHORT_SCRIPT,
      matchedWords: ['forbidden zebra'],
    });

    const approved = await t.http.post(`/api/v1/admin/projects/${held.id}/approve`, { reason: 'a nature film' }, { token: admin.accessToken });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ moderationState: 'approved', moderationReason: null });
    expect(await t.sql('select moderation_state from projects where id = ?', [held.id])).toEqual([{ moderation_state: 'approved' }]);
    expect(await auditRows(t, held.id, 'project.approved')).toEqual([
      expect.objectContaining({
        actor_id: admin.id,
        before: expect.objectContaining({ moderationState: 'pending' }),
        after: { moderationState: 'approved', moderationReason: null, ownerId: user.id },
        reason: 'a nature film',
      }),
    ]);
    const job = await submit(user, held.id);
    expect(job.status).toBe(202);
    const after = await t.http.get('/api/v1/admin/moderation', { token: admin.accessToken });
    expect(after.body.items.map((p: { id: string }) => p.id)).not.toContain(held.id);
    expect((await t.http.post(`/api/v1/admin/projects/${held.id}/approve`, {}, { token: admin.accessToken })).status).toBe(409);

    // Rejected after approval: the job it already queued stops and its credit comes back.
    expect(await balance(t, user)).toMatchObject({ reserved: 1 });
    const rejected = await t.http.post(`/api/v1/admin/projects/${held.id}/reject`, { reason: 'changed our mind' }, { token: admin.accessToken });
    expect(rejected.status).toBe(200);
    expect(await t.sql('select status from jobs where id = ?', [job.body.id])).toEqual([{ status: 'cancelled' }]);
    expect(await balance(t, user)).toMatchObject({ reserved: 0, available: 3 });
  });

  it('rejects with a reason the owner sees; a rejected project cannot be rendered', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user, { script: `${SHORT_SCRIPT} Then the BEHEADING.` });
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(501) }, { reason: 'ok', also: true }]) {
      const bad = await t.http.post(`/api/v1/admin/projects/${project.id}/reject`, body, { token: admin.accessToken });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toContain(PROBLEM);
    }
    expect(await t.sql('select moderation_state from projects where id = ?', [project.id])).toEqual([{ moderation_state: 'pending' }]);
    expect(await auditRows(t, project.id, 'project.rejected')).toEqual([]);

    const published = firstValueFrom(t.app.get(EventBus).pipe(ofType(ProjectModeratedEvent)));
    const res = await t.http.post(`/api/v1/admin/projects/${project.id}/reject`, { reason: 'graphic violence' }, { token: admin.accessToken });
    expect(res.status).toBe(200);
    // For the owner's notification (the notifications module reacts to it).
    expect(await published).toEqual(
      new ProjectModeratedEvent(project.id, user.id, 'The Lighthouse', 'rejected', 'graphic violence', admin.id),
    );
    expect(res.body).toMatchObject({ moderationState: 'rejected', moderationReason: 'graphic violence', matchedWords: ['beheading'] });
    const owner = await t.http.get(`/api/v1/projects/${project.id}`, { token: user.accessToken });
    expect(owner.body).toMatchObject({ moderationState: 'rejected', moderationReason: 'graphic violence' });
    await eventually(async () => {
      const notes = await t.http.get('/api/v1/notifications', { token: user.accessToken });
      expect(notes.body.items).toContainEqual(
        expect.objectContaining({ type: 'project.rejected', body: expect.stringContaining('graphic violence'), data: { projectId: project.id, reason: 'graphic violence' } }),
      );
    });
    const refused = await submit(user, project.id);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/PROJECT\.REJECTED$/);
    expect(refused.body.detail).toContain('graphic violence');
    expect(await auditRows(t, project.id, 'project.rejected')).toEqual([
      expect.objectContaining({ actor_id: admin.id, before: expect.objectContaining({ moderationState: 'pending' }), reason: 'graphic violence' }),
    ]);
    // A clean edit does not undo a moderator's rejection.
    await t.http.patch(`/api/v1/projects/${project.id}`, { script: SHORT_SCRIPT }, { token: user.accessToken });
    expect(await t.sql('select moderation_state from projects where id = ?', [project.id])).toEqual([{ moderation_state: 'rejected' }]);

    expect((await t.http.post(`/api/v1/admin/projects/${project.id}/reject`, { reason: 'again' }, { token: admin.accessToken })).status).toBe(409);
    expect((await t.http.post(`/api/v1/admin/projects/${ZERO_UUID}/reject`, { reason: 'x' }, { token: admin.accessToken })).status).toBe(404);
    expect((await t.http.post('/api/v1/admin/projects/nope/approve', {}, { token: admin.accessToken })).status).toBe(400);
    const clean = await createProject(t, user);
    expect((await t.http.post(`/api/v1/admin/projects/${clean.id}/approve`, {}, { token: admin.accessToken })).status).toBe(409);
  });

  it('an edit that adds listed words sends an approved project back to review; removing them clears the hold', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const flagged = await t.http.patch(`/api/v1/projects/${project.id}`, { title: 'Beheading at dawn' }, { token: user.accessToken });
    expect(flagged.body).toMatchObject({ moderationState: 'pending' });
    await t.http.post(`/api/v1/admin/projects/${project.id}/approve`, {}, { token: admin.accessToken });
    // Options only: the text did not change, the approval stands.
    await t.http.patch(`/api/v1/projects/${project.id}`, { options: { fps: 30 } }, { token: user.accessToken });
    expect(await t.sql('select moderation_state from projects where id = ?', [project.id])).toEqual([{ moderation_state: 'approved' }]);
    const again = await t.http.patch(`/api/v1/projects/${project.id}`, { script: `${SHORT_SCRIPT} A forbidden zebra.` }, { token: user.accessToken });
    expect(again.body).toMatchObject({ moderationState: 'pending' });
    const cleaned = await t.http.patch(`/api/v1/projects/${project.id}`, { title: 'Dawn', script: SHORT_SCRIPT }, { token: user.accessToken });
    expect(cleaned.body).toMatchObject({ moderationState: 'none', moderationReason: null });
    expect((await submit(user, project.id)).status).toBe(202);
  });

  it('pages the moderation queue oldest first without repeats', async () => {
    const user = await registerUser(t);
    const held: string[] = [];
    for (let i = 0; i < 3; i++) held.push((await createProject(t, user, { title: `Beheading ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.http.get(`/api/v1/admin/moderation?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: admin.accessToken });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => held.includes(id))).toEqual(held);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await t.http.get('/api/v1/admin/moderation?cursor=forged', { token: admin.accessToken })).status).toBe(400);
  });

  it('lists failed jobs with their error and attempts, and retries one at no cost (audited)', async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const job = await submit(user, project.id);
    expect(await failJob(job.body.id)).toBe(true);
    expect(await balance(t, user)).toMatchObject({ available: 3, reserved: 0 });

    const failed = await t.http.get(`/api/v1/admin/jobs/failed?userId=${user.id}`, { token: admin.accessToken });
    expect(failed.status).toBe(200);
    expect(failed.body.items).toEqual([
      expect.objectContaining({ id: job.body.id, userId: user.id, status: 'failed', error: 'voice provider unavailable', failedStep: 'voice', attempt: 1 }),
    ]);
    expect((await t.http.get('/api/v1/admin/jobs/failed?userId=nope', { token: admin.accessToken })).status).toBe(400);

    const retried = await t.http.post(`/api/v1/admin/jobs/${job.body.id}/retry`, { free: true, reason: 'our outage' }, { token: admin.accessToken });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: job.body.id, status: 'queued', attempt: 2, cost: 0, error: null });
    expect(await t.sql('select status, attempt, cost from jobs where id = ?', [job.body.id])).toEqual([{ status: 'queued', attempt: 2, cost: 0 }]);
    expect(await balance(t, user)).toMatchObject({ available: 3, reserved: 0 });
    expect(await t.app.get(RenderQueue).get(job.body.id, 2)).not.toBeNull();
    expect(await auditRows(t, job.body.id, 'job.retried')).toEqual([
      expect.objectContaining({
        actor_id: admin.id,
        before: expect.objectContaining({ status: 'failed', attempt: 1, cost: 1 }),
        after: { status: 'queued', attempt: 2, cost: 0, free: true },
        reason: 'our outage',
      }),
    ]);
    const listed = await t.http.get(`/api/v1/admin/jobs/failed?userId=${user.id}`, { token: admin.accessToken });
    expect(listed.body.items).toEqual([]);

    // Only failed jobs can be retried; nothing is audited for a refusal.
    const again = await t.http.post(`/api/v1/admin/jobs/${job.body.id}/retry`, { free: true }, { token: admin.accessToken });
    expect(again.status).toBe(409);
    expect(await auditRows(t, job.body.id, 'job.retried')).toHaveLength(1);
    for (const body of [{ free: 'yes' }, { free: true, priority: 3 }]) {
      expect((await t.http.post(`/api/v1/admin/jobs/${job.body.id}/retry`, body, { token: admin.accessToken })).status).toBe(400);
    }
    expect((await t.http.post(`/api/v1/admin/jobs/${ZERO_UUID}/retry`, {}, { token: admin.accessToken })).status).toBe(404);
  });

  it("retries at the owner's cost unless free, and cancels any job, releasing its credits (audited)", async () => {
    const user = await registerUser(t);
    const project = await createProject(t, user);
    const job = await submit(user, project.id);
    await failJob(job.body.id);
    const paid = await t.http.post(`/api/v1/admin/jobs/${job.body.id}/retry`, undefined, { token: admin.accessToken });
    expect(paid.status).toBe(202);
    expect(paid.body).toMatchObject({ attempt: 2, cost: 1 });
    expect(await balance(t, user)).toMatchObject({ available: 2, reserved: 1 });

    const cancelled = await t.http.post(`/api/v1/admin/jobs/${job.body.id}/cancel`, { reason: 'stuck render' }, { token: admin.accessToken });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect(await t.sql('select status from jobs where id = ?', [job.body.id])).toEqual([{ status: 'cancelled' }]);
    expect(await balance(t, user)).toMatchObject({ available: 3, reserved: 0 });
    expect(await auditRows(t, job.body.id, 'job.cancelled')).toEqual([
      expect.objectContaining({ actor_id: admin.id, before: expect.objectContaining({ status: 'queued' }), after: expect.objectContaining({ status: 'cancelled' }), reason: 'stuck render' }),
    ]);
    const twice = await t.http.post(`/api/v1/admin/jobs/${job.body.id}/cancel`, {}, { token: admin.accessToken });
    expect(twice.status).toBe(409);
    expect(twice.headers.get('content-type')).toContain(PROBLEM);
    expect(await auditRows(t, job.body.id, 'job.cancelled')).toHaveLength(1);
    expect((await t.http.post(`/api/v1/admin/jobs/${job.body.id}/cancel`, { reason: '' }, { token: admin.accessToken })).status).toBe(400);
  });

  it('never retries a failed job of a project since rejected, held for review or deleted, for its owner or an admin', async () => {
    const user = await registerUser(t);
    const failedJobOf = async (projectId: string) => {
      const job = await submit(user, projectId);
      expect(await failJob(job.body.id)).toBe(true);
      return job.body.id as string;
    };
    const rejected = await createProject(t, user);
    const rejectedJob = await failedJobOf(rejected.id);
    expect((await t.http.post(`/api/v1/admin/projects/${rejected.id}/reject`, { reason: 'not allowed' }, { token: admin.accessToken })).status).toBe(200);
    const held = await createProject(t, user);
    const heldJob = await failedJobOf(held.id);
    expect((await t.http.patch(`/api/v1/projects/${held.id}`, { title: 'The forbidden zebra' }, { token: user.accessToken })).body.moderationState).toBe('pending');
    const deleted = await createProject(t, user);
    const deletedJob = await failedJobOf(deleted.id);
    expect((await t.http.delete(`/api/v1/projects/${deleted.id}`, undefined, { token: user.accessToken })).status).toBe(204);

    const cases: [string, number, RegExp][] = [
      [rejectedJob, 409, /PROJECT\.REJECTED$/],
      [heldJob, 409, /PROJECT\.MODERATION_PENDING$/],
      [deletedJob, 404, /PROJECT\.NOT_FOUND$/],
    ];
    for (const [jobId, status, type] of cases) {
      for (const res of [
        await t.http.post(`/api/v1/jobs/${jobId}/retry`, undefined, { token: user.accessToken }),
        await t.http.post(`/api/v1/admin/jobs/${jobId}/retry`, { free: true }, { token: admin.accessToken }),
      ]) {
        expect({ jobId, status: res.status }).toEqual({ jobId, status });
        expect(res.headers.get('content-type')).toContain(PROBLEM);
        expect(res.body.type).toMatch(type);
      }
    }
    const jobs = await t.sql('select status, attempt, cost from jobs where user_id = ?', [user.id]);
    expect(jobs).toEqual([1, 2, 3].map(() => ({ status: 'failed', attempt: 1, cost: 1 })));
    expect(await balance(t, user)).toMatchObject({ available: 3, reserved: 0 });
    expect(await auditRows(t, rejectedJob, 'job.retried')).toEqual([]);
  });
});
