import { startTestApp, TestApp } from '../support/test-app';
import { registerUser, RegisteredUser } from '../support/users';
import { createProject, SHORT_SCRIPT } from '../support/projects';

describe('projects', () => {
  let t: TestApp;
  let ada: RegisteredUser;
  let eve: RegisteredUser;
  beforeAll(async () => {
    t = await startTestApp();
    [ada, eve] = await Promise.all([registerUser(t), registerUser(t)]);
  });
  afterAll(() => t.close());

  it('creates a project with the render options filled with defaults and a first version', async () => {
    const res = await t.http.post('/api/v1/projects', { title: '  Night Shift ', script: SHORT_SCRIPT, options: { style: 'noir' } }, { token: ada.accessToken });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Night Shift',
      script: SHORT_SCRIPT,
      status: 'draft',
      moderationState: 'none',
      currentVersion: 1,
      latestJobId: null,
      options: { style: 'noir', aspectRatio: '16:9', resolution: '720p', fps: 30, subtitles: 'burned', music: true, language: 'en' },
    });
    const versions = await t.http.get(`/api/v1/projects/${res.body.id}/versions`, { token: ada.accessToken });
    expect(versions.body.items).toEqual([expect.objectContaining({ version: 1, title: 'Night Shift', script: SHORT_SCRIPT })]);
  });

  it('refuses bad projects with per-field problems naming the allowed values', async () => {
    const before = await t.sql('select count(*)::int as n from projects');
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ title: 'x', script: '' }, 'script', /words/],
      [{ title: 'x', script: '   ...  !!! ' }, 'script', /words/],
      [{ title: 'x', script: 'a'.repeat(100_001) }, 'script', /at most 100000/],
      [{ title: '', script: SHORT_SCRIPT }, 'title', /title/],
      [{ title: 'x', script: SHORT_SCRIPT, options: { style: 'vaporwave' } }, 'options.style', /cinematic, documentary, anime, noir, watercolor, minimal/],
      [{ title: 'x', script: SHORT_SCRIPT, options: { aspectRatio: '4:3' } }, 'options.aspectRatio', /16:9, 9:16, 1:1/],
      [{ title: 'x', script: SHORT_SCRIPT, options: { fps: 60 } }, 'options.fps', /24, 25, 30/],
      [{ title: 'x', script: SHORT_SCRIPT, options: { speakingRate: 9 } }, 'options.speakingRate', /speakingRate/],
      [{ title: 'x', script: SHORT_SCRIPT, options: { colour: 'red' } }, 'options.colour', /should not exist/],
      [{ title: 'x', script: SHORT_SCRIPT, owner: eve.id }, 'owner', /should not exist/],
    ];
    for (const [body, field, message] of cases) {
      const res = await t.http.post('/api/v1/projects', body, { token: ada.accessToken });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const error = res.body.errors.find((e: { field: string }) => e.field === field);
      expect(error).toBeDefined();
      expect(error.messages.join(' ')).toMatch(message);
    }
    expect(await t.sql('select count(*)::int as n from projects')).toEqual(before);
  });

  it('keeps non-Latin scripts and titles intact', async () => {
    const script = '灯台守は夕暮れに階段を上る。 يضيء المصباح 🌊 and the ships come home.';
    const project = await createProject(t, ada, { title: '灯台 🌊', script });
    const res = await t.http.get(`/api/v1/projects/${project.id}`, { token: ada.accessToken });
    expect(res.body).toMatchObject({ title: '灯台 🌊', script });
  });

  it('versions every change and leaves unchanged PATCHes alone', async () => {
    const project = await createProject(t, ada);
    const edit = await t.http.patch(`/api/v1/projects/${project.id}`, { script: 'A new draft of the story, told at sea.' }, { token: ada.accessToken });
    expect(edit.status).toBe(200);
    expect(edit.body.currentVersion).toBe(2);
    const options = await t.http.patch(`/api/v1/projects/${project.id}`, { options: { style: 'anime' } }, { token: ada.accessToken });
    expect(options.body).toMatchObject({ currentVersion: 3, options: { style: 'anime', resolution: '480p', fps: 24 } });
    const same = await t.http.patch(`/api/v1/projects/${project.id}`, { options: { style: 'anime' } }, { token: ada.accessToken });
    expect(same.body.currentVersion).toBe(3);
    const bad = await t.http.patch(`/api/v1/projects/${project.id}`, { options: { resolution: '4k' } }, { token: ada.accessToken });
    expect(bad.status).toBe(400);
    const versions = await t.http.get(`/api/v1/projects/${project.id}/versions?limit=2`, { token: ada.accessToken });
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    const older = await t.http.get(`/api/v1/projects/${project.id}/versions?limit=2&cursor=${versions.body.nextCursor}`, { token: ada.accessToken });
    expect(older.body).toMatchObject({ items: [expect.objectContaining({ version: 1, script: expect.stringContaining('lighthouse') })], nextCursor: null });
  });

  it('lists my projects newest first, stable under inserts, filtered by status and title words', async () => {
    const user = await registerUser(t);
    const ids: string[] = [];
    for (const title of ['Alpha 100%', 'Bravo', 'Charlie', 'Alpha two']) ids.push((await createProject(t, user, { title })).id);
    const first = await t.http.get('/api/v1/projects?limit=2', { token: user.accessToken });
    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual([ids[3], ids[2]]);
    expect(first.body.items[0]).not.toHaveProperty('script');
    await createProject(t, user, { title: 'Inserted between pages' });
    const second = await t.http.get(`/api/v1/projects?limit=2&cursor=${first.body.nextCursor}`, { token: user.accessToken });
    expect(second.body.items.map((p: { id: string }) => p.id)).toEqual([ids[1], ids[0]]);
    const search = await t.http.get('/api/v1/projects?q=alpha', { token: user.accessToken });
    expect(search.body.items.map((p: { title: string }) => p.title).sort()).toEqual(['Alpha 100%', 'Alpha two']);
    const percent = await t.http.get(`/api/v1/projects?q=${encodeURIComponent('100%')}`, { token: user.accessToken });
    expect(percent.body.items.map((p: { title: string }) => p.title)).toEqual(['Alpha 100%']);
    const drafts = await t.http.get('/api/v1/projects?status=draft&limit=100', { token: user.accessToken });
    expect(drafts.body.items).toHaveLength(5);
    expect((await t.http.get('/api/v1/projects?status=bogus', { token: user.accessToken })).status).toBe(400);
  });

  it("answers another user's project as missing, and changes nothing", async () => {
    const project = await createProject(t, ada);
    for (const res of [
      await t.http.get(`/api/v1/projects/${project.id}`, { token: eve.accessToken }),
      await t.http.patch(`/api/v1/projects/${project.id}`, { title: 'mine now' }, { token: eve.accessToken }),
      await t.http.delete(`/api/v1/projects/${project.id}`, undefined, { token: eve.accessToken }),
      await t.http.get(`/api/v1/projects/${project.id}/versions`, { token: eve.accessToken }),
      await t.http.post(`/api/v1/projects/${project.id}/jobs`, { type: 'full_generation' }, { token: eve.accessToken }),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.type).toMatch(/PROJECT\.NOT_FOUND$/);
    }
    const [row] = await t.sql('select title, deleted_at from projects where id = ?', [project.id]);
    expect(row).toEqual({ title: 'The Lighthouse', deleted_at: null });
    const list = await t.http.get('/api/v1/projects?limit=100', { token: eve.accessToken });
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(project.id);
  });

  it('soft-deletes a project', async () => {
    const project = await createProject(t, ada);
    expect((await t.http.delete(`/api/v1/projects/${project.id}`, undefined, { token: ada.accessToken })).status).toBe(204);
    expect((await t.http.get(`/api/v1/projects/${project.id}`, { token: ada.accessToken })).status).toBe(404);
    const [row] = await t.sql<{ deleted: boolean }>('select deleted_at is not null as deleted from projects where id = ?', [project.id]);
    expect(row.deleted).toBe(true);
  });

  it('publishes the catalog clients build their forms from, without signing in', async () => {
    const res = await t.http.get('/api/v1/catalog');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      styles: ['cinematic', 'documentary', 'anime', 'noir', 'watercolor', 'minimal'],
      aspectRatios: ['16:9', '9:16', '1:1'],
      resolutions: ['480p', '720p', '1080p'],
      frameRates: [24, 25, 30],
      subtitleModes: ['burned', 'soft', 'none'],
      defaults: { style: 'cinematic', resolution: '720p' },
      limits: { scriptMaxLength: 100_000 },
    });
    expect(res.body.jobTypes).toHaveLength(7);
    expect(res.body.jobTypes).toContainEqual({ type: 'full_generation', cost: 1, steps: ['analyse', 'images', 'voice', 'subtitles', 'music', 'compose', 'thumbnail'] });
    expect(res.body.jobTypes).toContainEqual({ type: 'video_composition', cost: 1, steps: ['compose'] });
    expect(res.body.languages).toContainEqual({ tag: 'ja', name: 'Japanese' });
    expect(res.body.voices[0]).toMatchObject({ id: 'default' });
    expect(res.body.creditPacks.items.map((p: { id: string; credits: number }) => [p.id, p.credits])).toEqual([
      ['small', 10],
      ['medium', 50],
      ['large', 200],
    ]);
  });
});
