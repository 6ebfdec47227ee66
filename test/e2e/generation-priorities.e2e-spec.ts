import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';
import { startTestRunner, TestRunner } from '../support/test-runner';
import { registerUser, RegisteredUser } from '../support/users';
import { balance, createProject } from '../support/projects';
import { eventually } from '../support/eventually';

/**
 * 20 jobs from 5 users with mixed priorities, all queued before a runner starts: the real runner
 * renders every one (tiny films, to keep the suite short), highest priority first, none lost, and
 * every user pays exactly for their jobs.
 */
describe('generation: 20 jobs from 5 users with priorities', () => {
  let t: TestApp;
  let runner: TestRunner | undefined;
  let storageDir: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'afs-e2e-storage-'));
    t = await startTestApp({
      STORAGE_LOCAL_DIR: storageDir,
      CREDITS_ALLOWANCE_FREE: '5',
      JOB_CONCURRENCY_FREE: '10',
      JOB_RECONCILE_INTERVAL_MS: '600000',
    });
  });
  afterAll(async () => {
    await runner?.stop();
    await t.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('renders every job once, in priority order, and settles each user\'s credits', async () => {
    const users: RegisteredUser[] = [];
    for (let i = 0; i < 5; i++) users.push(await registerUser(t));
    const submitted: { id: string; priority: number; user: RegisteredUser }[] = [];
    for (const [u, user] of users.entries()) {
      const project = await createProject(t, user, {
        script: `Film ${u}. A short line.`,
        options: { resolution: '480p', fps: 24, music: false, subtitles: 'none' },
      });
      for (let j = 0; j < 4; j++) {
        const priority = ((u + j) % 3) + 1;
        const res = await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation', priority }, { token: user.accessToken });
        expect(res.status).toBe(202);
        submitted.push({ id: res.body.id, priority, user });
      }
    }
    runner = await startTestRunner(t.config.REDIS_PREFIX, storageDir);

    await eventually(async () => {
      const [row] = await t.sql<{ n: number }>(`select count(*)::int as n from jobs where status = 'completed'`);
      expect(row.n).toBe(20);
    }, 400_000, 1000);

    const rows = await t.sql<{ id: string; priority: number; started_at: Date }>('select id, priority, started_at from jobs order by started_at');
    expect(rows).toHaveLength(20);
    // One runner, one job at a time: it took them strictly by priority (3, then 2, then 1).
    const priorities = rows.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    for (const user of users) {
      expect(await balance(t, user)).toMatchObject({ reserved: 0, available: 1 });
      const [captured] = await t.sql<{ n: number }>(
        `select count(*)::int as n from credit_events where stream_id = ? and type = 'ReservationCaptured'`,
        [`credits-${user.id}`],
      );
      expect(captured.n).toBe(4);
    }
    const [films] = await t.sql<{ n: number }>(`select count(distinct job_id)::int as n from assets where kind = 'film'`);
    expect(films.n).toBe(20);
  }, 450_000);
});
