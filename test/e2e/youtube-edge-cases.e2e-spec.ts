import { readFile, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeGoogleServer, type GoogleIdentity } from '../fakes/fake-google-server';
import { FakeYouTube } from '../fakes/fake-youtube';
import { eventually } from '../support/eventually';
import { createProject } from '../support/projects';
import { QuotaGate } from '../../src/modules/youtube/upload/quota-gate';
import { TokenCipher } from '../../src/modules/youtube/tokens/token-cipher';
import { UploadQueue } from '../../src/modules/youtube/upload/upload-queue';
import { startTestApp, type TestApp } from '../support/test-app';
import { startTestRunner } from '../support/test-runner';
import { registerUser, type RegisteredUser } from '../support/users';

const REDIRECT = 'http://localhost:3000/api/v1/youtube/callback';
/** The smallest chunk Google takes: the film is sent in several. */
const CHUNK = 256 * 1024;
const SCRIPT = 'The harbour wakes before dawn. Gulls circle the boats.\n\nAt dusk the lighthouse turns, and the last boat comes home.';

/** What a demanding client or an odd Google answer does to uploads, beyond the main suite's paths. */
describe('YouTube uploads: odd input and odd answers', () => {
  let t: TestApp;
  let google: FakeGoogleServer;
  let youtube: FakeYouTube;
  let storageDir: string;
  let owner: RegisteredUser;
  let projectId: string;
  let jobId: string;
  let film: Buffer;
  let channelId: string;
  const identity: GoogleIdentity = { sub: '4400110022', email: 'edges@gmail.com', email_verified: true, name: 'Edges' };

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'afs-e2e-youtube-edges-'));
    google = await new FakeGoogleServer().start();
    youtube = new FakeYouTube(google);
    youtube.addChannel(identity.sub, { id: 'UCedges00000000000000001', title: 'Edge Films' });
    t = await startTestApp({
      ...google.env(),
      APP_URL: 'http://app.test',
      STORAGE_LOCAL_DIR: storageDir,
      YOUTUBE_REDIRECT_URL: REDIRECT,
      TOKEN_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      TOKEN_ENCRYPTION_KEY_ID: 'k1',
      YOUTUBE_UPLOAD_CHUNK_BYTES: String(CHUNK),
      YOUTUBE_CHUNK_RETRY_DELAY_MS: '20',
      YOUTUBE_UPLOAD_BACKOFF_MS: '100',
      YOUTUBE_CHUNK_RETRIES: '3',
      YOUTUBE_QUOTA_CHECK_MS: '600000',
      JOB_BULL_ATTEMPTS: '1',
    });
    const runner = await startTestRunner(t.config.REDIS_PREFIX, storageDir);
    try {
      owner = await registerUser(t);
      projectId = (await createProject(t, owner, { title: 'Edge Day', script: SCRIPT, options: { resolution: '720p', fps: 24, music: true } })).id;
      jobId = (await t.http.post(`/api/v1/projects/${projectId}/jobs`, { type: 'full_generation' }, { token: owner.accessToken })).body.id;
      await eventually(async () => {
        expect((await t.http.get(`/api/v1/jobs/${jobId}`, { token: owner.accessToken })).body.status).toBe('completed');
      }, 120_000, 250);
    } finally {
      await runner.stop();
    }
    film = await readFile(await filePath(jobId, 'film'));
    channelId = await connectChannel(owner);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await google?.stop();
    await rm(storageDir, { recursive: true, force: true });
  });

  async function filePath(job: string, kind: string): Promise<string> {
    const [row] = await t.sql<{ storage_key: string }>('select storage_key from assets where job_id = ? and kind = ?', [job, kind]);
    return join(storageDir, ...row.storage_key.split('/'));
  }

  async function connectChannel(user: RegisteredUser, who = identity): Promise<string> {
    const started = await t.http.get('/api/v1/youtube/connect', { token: user.accessToken });
    const cookie = started.headers.getSetCookie().find((c) => c.startsWith('afs_youtube_connect='))!.split(';')[0];
    google.signInAs(who);
    const back = new URL((await fetch(started.body.url, { redirect: 'manual' })).headers.get('location')!);
    const done = await fetch(`${t.url}/api/v1/youtube/callback${back.search}`, { redirect: 'manual', headers: { cookie } });
    return new URL(done.headers.get('location')!).searchParams.get('channel')!;
  }

  function upload(body: Record<string, unknown>, project = projectId) {
    return t.http.post(`/api/v1/projects/${project}/youtube-uploads`, { channelId, ...body }, { token: owner.accessToken });
  }

  async function waitForUpload(id: string, statuses = ['completed', 'failed', 'cancelled', 'waiting_quota']) {
    let body: any;
    await eventually(async () => {
      body = (await t.http.get(`/api/v1/youtube-uploads/${id}`, { token: owner.accessToken })).body;
      expect(statuses).toContain(body.status);
    }, 30_000, 100);
    return body;
  }

  const uploadCount = async () => Number((await t.sql<{ n: string }>('select count(*) as n from youtube_uploads'))[0].n);

  it('gives up in words when YouTube keeps answering 308 without storing the chunk, and the retry finishes it', async () => {
    youtube.storeNothingOfNextChunks(Number.POSITIVE_INFINITY);
    const res = await upload({ title: 'Edge Day (stuck)' });
    expect(res.status).toBe(202);
    const failed = await waitForUpload(res.body.id);
    expect(failed).toMatchObject({ status: 'failed', errorReason: 'no_progress', videoId: null, bytesSent: 0 });
    expect(failed.error).toMatch(/YouTube stored none of the bytes sent from byte 0/);

    // A few such answers in a row are tolerated: the chunk is sent again from Google's Range.
    youtube.storeNothingOfNextChunks(2);
    expect((await t.http.post(`/api/v1/youtube-uploads/${res.body.id}/retry`, {}, { token: owner.accessToken })).status).toBe(202);
    const done = await waitForUpload(res.body.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(youtube.videos.get(done.videoId)!.bytes.equals(film)).toBe(true);
  });

  it('refuses a film no longer in storage in words, before and after the upload was accepted, without starting anything at YouTube', async () => {
    const path = await filePath(jobId, 'film');
    const uploadsBefore = await uploadCount();
    const sessionsBefore = youtube.sessions.size;
    await unlink(path);
    try {
      const res = await upload({ title: 'Edge Day (gone)' });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/YOUTUBE.FILM_MISSING$/), detail: expect.stringMatching(/no longer stored/) });
      expect(await uploadCount()).toBe(uploadsBefore);
    } finally {
      await writeFile(path, film);
    }

    // Accepted while the film was there, deleted before its turn came.
    const queue = t.app.get(UploadQueue).queue;
    await queue.pause(true);
    let uploadId: string;
    try {
      const res = await upload({ title: 'Edge Day (gone later)' });
      expect(res.status).toBe(202);
      uploadId = res.body.id;
      await unlink(path);
    } finally {
      await queue.resume(true);
    }
    try {
      const failed = await waitForUpload(uploadId);
      expect(failed).toMatchObject({ status: 'failed', errorReason: 'film_missing', videoId: null });
      expect(failed.error).toMatch(/no longer stored/);
      expect(failed.error).not.toContain(jobId); // no storage key
      expect(youtube.sessions.size).toBe(sessionsBefore);
    } finally {
      await writeFile(path, film);
    }
  });

  it('finishes the video with a warning when its thumbnail is no longer stored', async () => {
    const path = await filePath(jobId, 'thumbnail');
    const thumbnail = await readFile(path);
    await unlink(path);
    try {
      const res = await upload({ title: 'Edge Day (no thumbnail)' });
      const done = await waitForUpload(res.body.id);
      expect(done).toMatchObject({ status: 'completed', attempt: 1, thumbnailSet: false, captionsUploaded: true, error: null });
      expect(done.warnings).toEqual(['The video is on YouTube, but could not set the thumbnail: the file is no longer stored.']);
      expect(youtube.videos.get(done.videoId)!.thumbnail).toBeUndefined();
    } finally {
      await writeFile(path, thumbnail);
    }
  });

  it('an upload requested while its channel is being disconnected is refused or cancelled, never a 500', async () => {
    const uploadsBefore = await uploadCount();
    const accepted: string[] = [];
    for (let i = 0; i < 12; i++) {
      const channel = await connectChannel(owner);
      const [requested, disconnected] = await Promise.all([
        t.http.post(`/api/v1/projects/${projectId}/youtube-uploads`, { channelId: channel, title: `Edge Day (race ${i})` }, { token: owner.accessToken }),
        t.http.delete(`/api/v1/youtube/channels/${channel}`, undefined, { token: owner.accessToken }),
      ]);
      expect(disconnected.status).toBe(204);
      expect([202, 404]).toContain(requested.status);
      if (requested.status === 404) expect(requested.body.type).toMatch(/YOUTUBE.CHANNEL_NOT_FOUND$/);
      else accepted.push(requested.body.id);
    }
    expect(await uploadCount()).toBe(uploadsBefore + accepted.length);
    for (const id of accepted) {
      const ended = await waitForUpload(id, ['cancelled', 'completed', 'failed']);
      // Accepted before the disconnect: stopped by it, as any upload of that channel.
      expect(ended).toMatchObject({ status: 'cancelled', channelId: null });
    }
    channelId = await connectChannel(owner);
  });

  it('says an upload requested or retried while the quota pause runs waits for the reset, and starts it after', async () => {
    const gate = t.app.get(QuotaGate);
    const until = await gate.pause();
    let requested: any;
    let retried: any;
    try {
      requested = await upload({ title: 'Edge Day (after the reset)' });
      expect(requested.status).toBe(202);
      const waiting = { status: 'waiting_quota', errorReason: 'quotaExceeded', error: expect.stringContaining(`continues by itself after ${until.toISOString()}`) };
      expect(requested.body).toMatchObject(waiting);
      const listed = await t.http.get('/api/v1/youtube-uploads?status=waiting_quota', { token: owner.accessToken });
      expect(listed.body.items.map((u: { id: string }) => u.id)).toContain(requested.body.id);

      const cancelled = await upload({ title: 'Edge Day (retried in the pause)' });
      expect((await t.http.post(`/api/v1/youtube-uploads/${cancelled.body.id}/cancel`, {}, { token: owner.accessToken })).body.status).toBe('cancelled');
      retried = await t.http.post(`/api/v1/youtube-uploads/${cancelled.body.id}/retry`, {}, { token: owner.accessToken });
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ ...waiting, attempt: 2 });
    } finally {
      await gate.check(new Date(until.getTime() + 1000));
    }
    for (const id of [requested.body.id, retried.body.id]) {
      const done = await waitForUpload(id, ['completed', 'failed', 'cancelled']);
      expect(done).toMatchObject({ status: 'completed', error: null, errorReason: null });
    }
  });

  it("refuses a playlist that is not the channel's before anything is saved or sent, and adds the video to one that is", async () => {
    const other = 'edges-other-account';
    youtube.addChannel(other, { id: 'UCedgesother00000000001', title: 'Someone Else' });
    const theirs = youtube.addPlaylist(other, 'Their public list');
    const uploadsBefore = await uploadCount();
    const sessionsBefore = youtube.sessions.size;
    for (const playlistId of [theirs, 'PLnothing0000000000000000000000000']) {
      const res = await upload({ title: 'Edge Day (wrong playlist)', playlistId });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'playlistId', messages: ['must be a playlist of the channel "Edge Films"'] }]);
    }
    expect(await uploadCount()).toBe(uploadsBefore);
    expect(youtube.sessions.size).toBe(sessionsBefore);

    const mine = youtube.addPlaylist(identity.sub, 'Made on YouTube', 'private');
    const res = await upload({ title: 'Edge Day (my playlist)', playlistId: mine });
    expect(res.status).toBe(202);
    const done = await waitForUpload(res.body.id);
    expect(done).toMatchObject({ status: 'completed', addedToPlaylist: true, warnings: [] });
    expect(youtube.playlistItems).toContainEqual(expect.objectContaining({ playlistId: mine, videoId: done.videoId }));
  });

  it("answers 409 and asks for a reconnection when no key in the keyring opens the channel's tokens", async () => {
    const user = await registerUser(t);
    const lost = { sub: 'edges-lost-key', email: 'lost@gmail.com', email_verified: true };
    youtube.addChannel(lost.sub, { id: 'UCedgeslost000000000001', title: 'Lost Key' });
    const lostChannel = await connectChannel(user, lost);
    // Sealed with a key that was dropped from TOKEN_ENCRYPTION_KEYS before youtube:reseal-tokens ran.
    const dropped = TokenCipher.fromConfig(`k0:${randomBytes(32).toString('base64')}`, 'k0');
    await t.sql('update youtube_channels set access_token = ?, refresh_token = ? where id = ?', [
      dropped.seal('ya29.old', `youtube-channel:${lostChannel}:access`),
      dropped.seal('1//0old', `youtube-channel:${lostChannel}:refresh`),
      lostChannel,
    ]);
    const playlist = await t.http.post('/api/v1/youtube/playlists', { channelId: lostChannel, title: 'Never' }, { token: user.accessToken });
    expect(playlist.status).toBe(409);
    expect(playlist.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(playlist.body).toMatchObject({ type: expect.stringMatching(/YOUTUBE.RECONNECT_REQUIRED$/), detail: expect.stringContaining('token_unreadable') });
    const [channel] = (await t.http.get('/api/v1/youtube/channels', { token: user.accessToken })).body;
    expect(channel).toMatchObject({ status: 'needs_reconnect', statusReason: 'token_unreadable' });
  });

  it('refuses an Idempotency-Key sent again with another upload request, and answers the first upload to the same one', async () => {
    const headers = { 'idempotency-key': `edges-${randomBytes(6).toString('hex')}` };
    const body = { channelId, title: 'Edge Day (keyed)', privacyStatus: 'unlisted', tags: ['harbour'] };
    const send = (changes: Record<string, unknown>) =>
      t.http.post(`/api/v1/projects/${projectId}/youtube-uploads`, { ...body, ...changes }, { token: owner.accessToken, headers });
    const first = await send({});
    expect(first.status).toBe(202);
    const uploadsAfterFirst = await uploadCount();
    for (const changes of [{ privacyStatus: 'public' }, { title: 'Edge Day (another)' }, { tags: [] }, { jobId: randomUUID() }]) {
      const again = await send(changes);
      expect(again.status).toBe(422);
      expect(again.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(again.body.type).toMatch(/IDEMPOTENCY.KEY_REUSED$/);
    }
    const same = await send({ tags: [' harbour '] });
    expect(same.status).toBe(200);
    expect(same.body.id).toBe(first.body.id);
    expect(await uploadCount()).toBe(uploadsAfterFirst);
    await waitForUpload(first.body.id);
  });

  it('refuses a category YouTube does not let uploads use, and a tags value that is not a list, in words', async () => {
    const uploadsBefore = await uploadCount();
    for (const categoryId of ['999', '18', '0']) {
      const res = await upload({ categoryId });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'categoryId', messages: [expect.stringMatching(/^must be one of the categories YouTube lets videos use: 1, 2, 10, .*, 29$/)] }]);
    }
    const tags = await upload({ tags: 'harbour, boats' });
    expect(tags.status).toBe(400);
    expect(tags.body.errors).toEqual([{ field: 'tags', messages: ['tags must be a list of at most 500 strings'] }]);
    expect(await uploadCount()).toBe(uploadsBefore);
  });

  it('ends an upload in flight as cancelled, without asking to reconnect, when the disconnect revokes the grant under it', async () => {
    const other = { sub: 'edges-second-account', email: 'second@gmail.com', email_verified: true };
    youtube.addChannel(other.sub, { id: 'UCedgessecond0000000001', title: 'Second Channel' });
    const second = await connectChannel(owner, other);
    const delayed = youtube.delayNextAnswer(0);
    const res = await upload({ channelId: second, title: 'Edge Day (revoked under it)' });
    await delayed.arrived;
    const revoke = google.holdNextRevoke();
    const disconnecting = t.http.delete(`/api/v1/youtube/channels/${second}`, undefined, { token: owner.accessToken });
    await revoke.revoked;
    // Google has ended the grant; the runner gets its answer and goes on before the app has heard.
    delayed.release();
    await eventually(async () => {
      const [row] = await t.sql<{ status: string }>('select status from youtube_uploads where id = ?', [res.body.id]);
      const waiting = await t.sql("select pid from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()");
      expect(row.status !== 'uploading' || waiting.length > 0).toBe(true);
    });
    revoke.release();
    expect((await disconnecting).status).toBe(204);

    const done = await waitForUpload(res.body.id);
    expect(done).toMatchObject({ status: 'cancelled', errorReason: 'channel_disconnected', channelId: null, videoId: null });
    const notes = await t.http.get('/api/v1/notifications', { token: owner.accessToken });
    expect(notes.body.items.filter((n: { type: string }) => n.type === 'youtube.channel.reconnect')).toEqual([]);
  });

  it('keeps the channel and its queued uploads as they were when Google cannot be told of a disconnect', async () => {
    const other = { sub: 'edges-third-account', email: 'third@gmail.com', email_verified: true };
    youtube.addChannel(other.sub, { id: 'UCedgesthird00000000001', title: 'Third Channel' });
    const third = await connectChannel(owner, other);
    const queue = t.app.get(UploadQueue).queue;
    await queue.pause(true);
    try {
      const queued = await upload({ channelId: third, title: 'Edge Day (kept)' });
      for (let i = 0; i < 4; i++) google.failNext('POST', '/revoke', { status: 503, body: { error: 'temporarily_unavailable' } });
      const refused = await t.http.delete(`/api/v1/youtube/channels/${third}`, undefined, { token: owner.accessToken });
      expect(refused.status).toBe(502);
      expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await t.http.get('/api/v1/youtube/channels', { token: owner.accessToken })).body.map((c: { id: string }) => c.id)).toContain(third);
      expect((await t.http.get(`/api/v1/youtube-uploads/${queued.body.id}`, { token: owner.accessToken })).body).toMatchObject({ status: 'queued', channelId: third });
      expect((await t.http.delete(`/api/v1/youtube/channels/${third}`, undefined, { token: owner.accessToken })).status).toBe(204);
      expect((await t.http.get(`/api/v1/youtube-uploads/${queued.body.id}`, { token: owner.accessToken })).body).toMatchObject({ status: 'cancelled', errorReason: 'channel_disconnected' });
    } finally {
      await queue.resume(true);
    }
  });

  it("answers 503 saying until when when YouTube's daily quota refuses a playlist, and pauses uploads until the reset", async () => {
    google.failNext('POST', '/youtube/v3/playlists', { status: 403, body: { error: { code: 403, message: 'Quota exceeded.', errors: [{ reason: 'quotaExceeded' }] } } });
    const gate = t.app.get(QuotaGate);
    try {
      const res = await t.http.post('/api/v1/youtube/playlists', { channelId, title: 'Over quota' }, { token: owner.accessToken });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const until = (await gate.pausedUntil())!;
      expect(res.body).toMatchObject({
        type: expect.stringMatching(/YOUTUBE.QUOTA_EXCEEDED$/),
        retryAt: until.toISOString(),
        detail: expect.stringContaining(`after ${until.toISOString()} (midnight Pacific time)`),
      });
      expect(await t.app.get(UploadQueue).queue.isPaused()).toBe(true);
    } finally {
      await gate.check(new Date(Date.now() + 2 * 86_400_000));
    }

    // The playlist check of an upload meeting the quota: the upload is accepted, waiting for the reset.
    const playlistId = youtube.addPlaylist(identity.sub, 'Checked over quota');
    google.failNext('GET', '/youtube/v3/playlists', { status: 403, body: { error: { code: 403, message: 'Quota exceeded.', errors: [{ reason: 'quotaExceeded' }] } } });
    let waiting: any;
    try {
      waiting = await upload({ title: 'Edge Day (checked over quota)', playlistId });
      expect(waiting.status).toBe(202);
      expect(waiting.body).toMatchObject({ status: 'waiting_quota', errorReason: 'quotaExceeded' });
    } finally {
      await gate.check(new Date(Date.now() + 2 * 86_400_000));
    }
    expect(await waitForUpload(waiting.body.id, ['completed', 'failed', 'cancelled'])).toMatchObject({ status: 'completed', addedToPlaylist: true });
  });
});
