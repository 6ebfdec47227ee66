import { DeletedAccountGrants } from '../../src/modules/youtube/connect/deleted-account-grants';
import { randomBytes } from 'node:crypto';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QuotaGate } from '../../src/modules/youtube/upload/quota-gate';
import { UploadQueue } from '../../src/modules/youtube/upload/upload-queue';
import { TOKEN_CIPHER } from '../../src/modules/youtube/tokens/token-cipher.provider';
import { TokenCipher } from '../../src/modules/youtube/tokens/token-cipher';
import { TokenResealer } from '../../src/modules/youtube/tokens/token-resealer';
import { FakeGoogleServer, type GoogleIdentity } from '../fakes/fake-google-server';
import { dataApiError, FakeYouTube } from '../fakes/fake-youtube';
import { mailSubject, SmtpInbox } from '../fakes/smtp-inbox';
import { eventually } from '../support/eventually';
import { createProject } from '../support/projects';
import { SseClient } from '../support/sse-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { startTestRunner } from '../support/test-runner';
import { registerUser, type RegisteredUser } from '../support/users';

const REDIRECT = 'http://localhost:3000/api/v1/youtube/callback';
const APP_URL = 'http://app.test';
const CHUNK = 512 * 1024;
/** k0 is a retired key still in the keyring; k1 seals everything new. */
const K0 = randomBytes(32).toString('base64');
const K1 = randomBytes(32).toString('base64');
const SCRIPT =
  'The harbour wakes before dawn. Gulls circle the boats while the fishermen load their nets.\n\n' +
  'By noon the market is loud and bright, and the smell of salt hangs over every stall.\n\n' +
  'At dusk the lighthouse turns, and the last boat comes home.';

describe('YouTube: connect channels, resumable uploads, playlists', () => {
  let t: TestApp;
  let google: FakeGoogleServer;
  let youtube: FakeYouTube;
  let inbox: SmtpInbox;
  let storageDir: string;
  let owner: RegisteredUser;
  let projectId: string;
  let jobId: string;
  let film: Buffer;
  let srt: string;
  let thumbnail: Buffer;
  /** The owner's channel connection, used by most uploads below. */
  let ownerChannel: string;
  const identity: GoogleIdentity = { sub: '1100220033', email: 'maker@gmail.com', email_verified: true, name: 'Maker' };

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'afs-e2e-youtube-'));
    google = await new FakeGoogleServer().start();
    youtube = new FakeYouTube(google);
    youtube.addChannel(identity.sub, { id: 'UCmaker000000000000000001', title: 'Maker Films' });
    inbox = new SmtpInbox();
    const smtpUrl = await inbox.start();
    t = await startTestApp({
      ...google.env(),
      APP_URL,
      SMTP_URL: smtpUrl,
      OUTBOX_POLL_MS: '100',
      STORAGE_LOCAL_DIR: storageDir,
      YOUTUBE_REDIRECT_URL: REDIRECT,
      TOKEN_ENCRYPTION_KEYS: `k0:${K0},k1:${K1}`,
      TOKEN_ENCRYPTION_KEY_ID: 'k1',
      YOUTUBE_UPLOAD_CHUNK_BYTES: String(CHUNK),
      YOUTUBE_CHUNK_RETRY_DELAY_MS: '20',
      YOUTUBE_UPLOAD_BACKOFF_MS: '100',
      YOUTUBE_CHUNK_TIMEOUT_MS: '60000',
      YOUTUBE_QUOTA_CHECK_MS: '600000',
      SSE_HEARTBEAT_MS: '300',
      JOB_BULL_ATTEMPTS: '1',
    });
    // One real film (runner, ffmpeg, espeak-ng) for every upload below.
    const runner = await startTestRunner(t.config.REDIS_PREFIX, storageDir);
    try {
      owner = await registerUser(t);
      projectId = (await createProject(t, owner, { title: 'Harbour Day', script: SCRIPT, options: { resolution: '720p', fps: 24, music: true } })).id;
      const submit = await t.http.post(`/api/v1/projects/${projectId}/jobs`, { type: 'full_generation' }, { token: owner.accessToken });
      jobId = submit.body.id;
      await eventually(async () => {
        const job = await t.http.get(`/api/v1/jobs/${jobId}`, { token: owner.accessToken });
        expect(job.body.status).toBe('completed');
      }, 120_000, 250);
    } finally {
      await runner.stop();
    }
    const file = async (kind: string) => {
      const [row] = await t.sql<{ storage_key: string }>('select storage_key from assets where job_id = ? and kind = ?', [jobId, kind]);
      return readFile(join(storageDir, ...row.storage_key.split('/')));
    };
    film = await file('film');
    srt = (await file('subtitles_srt')).toString('utf8');
    thumbnail = await file('thumbnail');
    ownerChannel = await connectedChannel(owner);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await google?.stop();
    await inbox?.stop();
    await rm(storageDir, { recursive: true, force: true });
  });

  /** The whole browser round trip: our consent URL, Google's screen, Google's redirect to our callback. */
  async function startConnect(user: RegisteredUser): Promise<{ consentUrl: URL; cookie: string }> {
    const started = await t.http.get('/api/v1/youtube/connect', { token: user.accessToken });
    expect(started.status).toBe(200);
    const setCookie = started.headers.getSetCookie().find((c) => c.startsWith('afs_youtube_connect='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Path=\/api\/v1\/youtube\/callback/);
    return { consentUrl: new URL(started.body.url), cookie: setCookie.split(';')[0] };
  }

  async function connect(user: RegisteredUser, who = identity, editConsent?: (url: URL) => void): Promise<URL> {
    const { consentUrl, cookie } = await startConnect(user);
    editConsent?.(consentUrl);
    google.signInAs(who);
    const atGoogle = await fetch(consentUrl, { redirect: 'manual' });
    expect(atGoogle.status).toBe(302);
    const back = new URL(atGoogle.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    const res = await fetch(`${t.url}/api/v1/youtube/callback${back.search}`, { redirect: 'manual', headers: { cookie } });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  async function connectedChannel(user: RegisteredUser, who = identity): Promise<string> {
    const done = await connect(user, who);
    expect(done.searchParams.get('error')).toBeNull();
    return done.searchParams.get('channel')!;
  }

  async function waitForUpload(user: RegisteredUser, id: string, statuses = ['completed', 'failed', 'cancelled', 'waiting_quota']) {
    let body: any;
    await eventually(async () => {
      body = (await t.http.get(`/api/v1/youtube-uploads/${id}`, { token: user.accessToken })).body;
      expect(statuses).toContain(body.status);
    }, 60_000, 100);
    return body;
  }

  async function upload(user: RegisteredUser, channelId: string, body: Record<string, unknown> = {}, project = projectId, headers: Record<string, string> = {}) {
    return t.http.post(`/api/v1/projects/${project}/youtube-uploads`, { channelId, ...body }, { token: user.accessToken, headers });
  }

  const uploadCount = async () => Number((await t.sql<{ n: string }>('select count(*) as n from youtube_uploads'))[0].n);

  it('connects a channel: consent for offline access with the three scopes, tokens sealed at rest, state good once', async () => {
    const user = await registerUser(t);
    const { consentUrl: consent } = await startConnect(user);
    expect(consent.searchParams.get('client_id')).toBe(google.clientId);
    expect(consent.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(consent.searchParams.get('access_type')).toBe('offline');
    expect(consent.searchParams.get('prompt')).toBe('consent');
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('scope')!.split(' ').sort()).toEqual([
      'https://www.googleapis.com/auth/youtube.force-ssl',
      'https://www.googleapis.com/auth/youtube.readonly',
      'https://www.googleapis.com/auth/youtube.upload',
    ]);

    google.signInAs(identity);
    const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
    const callback = `${t.url}/api/v1/youtube/callback${back.search}`;
    // The callback in another browser (no cookie, or someone else's) is refused and uses the state up.
    const elsewhere = new URL((await fetch(callback, { redirect: 'manual', headers: { cookie: 'afs_youtube_connect=someone-else' } })).headers.get('location')!);
    expect(elsewhere.searchParams.get('error')).toBe('YOUTUBE.STATE_INVALID');
    const { consentUrl: again, cookie: cookieAgain } = await startConnect(user);
    const backAgain = new URL((await fetch(again, { redirect: 'manual' })).headers.get('location')!);
    const callbackAgain = `${t.url}/api/v1/youtube/callback${backAgain.search}`;
    const done = new URL((await fetch(callbackAgain, { redirect: 'manual', headers: { cookie: cookieAgain } })).headers.get('location')!);
    expect(`${done.origin}${done.pathname}`).toBe(`${APP_URL}/youtube/connected`);
    const channelId = done.searchParams.get('channel');

    const channels = await t.http.get('/api/v1/youtube/channels', { token: user.accessToken });
    expect(channels.body).toEqual([
      expect.objectContaining({
        id: channelId,
        youtubeChannelId: 'UCmaker000000000000000001',
        title: 'Maker Films',
        status: 'connected',
        url: 'https://www.youtube.com/channel/UCmaker000000000000000001',
      }),
    ]);
    expect(JSON.stringify(channels.body)).not.toMatch(/ya29\.|1\/\/0/);

    // The tokens Google issued are nowhere in the row in plaintext.
    const [row] = await t.sql<{ access_token: string; refresh_token: string }>('select access_token, refresh_token from youtube_channels where id = ?', [channelId]);
    const issuedRefresh = [...google.refreshTokens.keys()].at(-1)!;
    const issuedAccess = [...google.accessTokens.keys()].at(-1)!;
    for (const sealed of [row.access_token, row.refresh_token]) {
      expect(sealed).toMatch(/^v1:k1:/); // the current key
      expect(sealed).not.toContain(issuedRefresh);
      expect(sealed).not.toContain(issuedAccess);
    }
    const cipher = t.app.get<TokenCipher>(TOKEN_CIPHER);
    expect(cipher.open(row.refresh_token, `youtube-channel:${channelId}:refresh`)).toBe(issuedRefresh);

    // Replaying the callback (same state, same browser) is refused; the channel is not duplicated.
    const replay = new URL((await fetch(callbackAgain, { redirect: 'manual', headers: { cookie: cookieAgain } })).headers.get('location')!);
    expect(replay.searchParams.get('error')).toBe('YOUTUBE.STATE_INVALID');
    // A forged state naming another user is refused too.
    const [payload, signature] = backAgain.searchParams.get('state')!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), u: owner.id })).toString('base64url');
    const forgedRes = await fetch(`${t.url}/api/v1/youtube/callback?code=x&state=${forged}.${signature}`, { redirect: 'manual', headers: { cookie: cookieAgain } });
    expect(new URL(forgedRes.headers.get('location')!).searchParams.get('error')).toBe('YOUTUBE.STATE_INVALID');
    expect((await t.http.get('/api/v1/youtube/channels', { token: user.accessToken })).body).toHaveLength(1);
  });

  it('rotates the token key: values sealed with the retired key still work, and are sealed again on use and by youtube:reseal-tokens', async () => {
    const user = await registerUser(t);
    const who = { sub: '8880001', email: 'rotate@gmail.com', email_verified: true };
    youtube.addChannel(who.sub, { id: 'UCrotate00000000000000001', title: 'Rotating' });
    const channelId = await connectedChannel(user, who);
    const current = t.app.get<TokenCipher>(TOKEN_CIPHER);
    const retired = TokenCipher.fromConfig(`k0:${K0}`, 'k0');
    const context = (field: string) => `youtube-channel:${channelId}:${field}`;
    const read = async () => (await t.sql<{ access_token: string; refresh_token: string }>('select access_token, refresh_token from youtube_channels where id = ?', [channelId]))[0];
    const issued = await read();
    const plain = { access: current.open(issued.access_token, context('access')), refresh: current.open(issued.refresh_token, context('refresh')) };
    const sealWithRetired = () =>
      t.sql('update youtube_channels set access_token = ?, refresh_token = ? where id = ?', [
        retired.seal(plain.access, context('access')),
        retired.seal(plain.refresh, context('refresh')),
        channelId,
      ]);

    await sealWithRetired();
    expect(await t.app.get(TokenResealer).run()).toEqual({ channels: 1, uploads: 0, unreadable: [] });
    const resealed = await read();
    expect(resealed.access_token).toMatch(/^v1:k1:/);
    expect(current.open(resealed.refresh_token, context('refresh'))).toBe(plain.refresh);
    expect(await t.app.get(TokenResealer).run()).toEqual({ channels: 0, uploads: 0, unreadable: [] });

    // A channel still sealed with k0 works, and using it seals it with k1.
    await sealWithRetired();
    const playlist = await t.http.post('/api/v1/youtube/playlists', { channelId, title: 'Rotated' }, { token: user.accessToken });
    expect(playlist.status).toBe(201);
    expect((await read()).refresh_token).toMatch(/^v1:k1:/);
  });

  it('connects several channels for one user, and connecting one again updates it in place', async () => {
    const user = await registerUser(t);
    const personal = { sub: '6660001', email: 'personal@gmail.com', email_verified: true };
    const brand = { sub: '6660002', email: 'brand@gmail.com', email_verified: true };
    youtube.addChannel(personal.sub, { id: 'UCpersonal000000000000001', title: 'Personal' });
    youtube.addChannel(brand.sub, { id: 'UCbrand000000000000000001', title: 'Brand' });
    const first = await connectedChannel(user, personal);
    const second = await connectedChannel(user, brand);
    expect(await connectedChannel(user, personal)).toBe(first);
    const channels = await t.http.get('/api/v1/youtube/channels', { token: user.accessToken });
    // Listed by when their grant was given: reconnecting Personal made it the newer one.
    expect(channels.body.map((c: { id: string; title: string }) => [c.id, c.title])).toEqual([
      [second, 'Brand'],
      [first, 'Personal'],
    ]);
  });

  it('refuses a grant without every scope, a Google account without a channel, and a denied consent, in words', async () => {
    const user = await registerUser(t);
    const noForceSsl = await connect(user, identity, (url) =>
      url.searchParams.set('scope', url.searchParams.get('scope')!.split(' ').filter((s) => !s.endsWith('force-ssl')).join(' ')),
    );
    expect(noForceSsl.searchParams.get('error')).toBe('YOUTUBE.SCOPES_MISSING');
    const noChannel = await connect(user, { sub: '99', email: 'nochannel@gmail.com', email_verified: true });
    expect(noChannel.searchParams.get('error')).toBe('YOUTUBE.NO_CHANNEL');
    google.denyConsent();
    const denied = await connect(user);
    expect(denied.searchParams.get('error')).toBe('YOUTUBE.CONSENT_DENIED');
    expect((await t.http.get('/api/v1/youtube/channels', { token: user.accessToken })).body).toEqual([]);
  });

  it('uploads the film in resumable chunks with its metadata, thumbnail, captions and playlist; live progress, a notification and a mail', async () => {
    const channelId = ownerChannel;
    const playlist = await t.http.post('/api/v1/youtube/playlists', { channelId, title: 'Harbour films', privacyStatus: 'unlisted' }, { token: owner.accessToken });
    expect(playlist.status).toBe(201);
    expect(playlist.body).toMatchObject({ title: 'Harbour films', privacyStatus: 'unlisted' });
    expect(playlist.body.id).toMatch(/^PL/);
    // An expired access token: the client refreshes it, and the new one is saved sealed.
    await t.sql(`update youtube_channels set token_expires_at = now() - interval '1 hour' where id = ?`, [channelId]);
    const [before] = await t.sql<{ access_token: string }>('select access_token from youtube_channels where id = ?', [channelId]);

    const stream = await SseClient.open(`${t.url}/api/v1/events`, owner.accessToken);
    const res = await upload(owner, channelId, {
      title: 'Harbour Day',
      description: 'A day at the harbour, told in three scenes. Made with AI Film Studio.',
      tags: ['short film', 'harbour'],
      categoryId: '1',
      privacyStatus: 'unlisted',
      playlistId: playlist.body.id,
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/v1/youtube-uploads/${res.body.id}`);
    expect(res.body).toMatchObject({ status: 'queued', jobId, totalBytes: film.length, channelTitle: 'Maker Films' });

    const finished = await stream.waitFor((e) => e.data.uploadId === res.body.id && e.type === 'youtube.upload.completed', 60_000);
    const progress = stream.events.filter((e) => e.data.uploadId === res.body.id && e.type === 'youtube.upload.progress').map((e) => e.data.bytesSent);
    expect(progress.length).toBeGreaterThanOrEqual(Math.ceil(film.length / CHUNK));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    stream.close();

    const video = youtube.videos.get(finished.data.videoId)!;
    expect(video.bytes.equals(film)).toBe(true);
    const session = [...youtube.sessions.values()].find((s) => s.videoId === video.id)!;
    expect(session.contentType).toBe('video/mp4');
    expect(session.chunkOffsets).toEqual(Array.from({ length: Math.ceil(film.length / CHUNK) }, (_, i) => i * CHUNK));
    expect(video.resource.snippet).toMatchObject({ title: 'Harbour Day', tags: ['short film', 'harbour'], categoryId: '1', defaultAudioLanguage: 'en' });
    expect(video.resource.status).toMatchObject({ privacyStatus: 'unlisted', selfDeclaredMadeForKids: false, containsSyntheticMedia: true });
    expect(video.thumbnail?.equals(thumbnail)).toBe(true);
    expect(youtube.captions.find((c) => c.videoId === video.id)).toMatchObject({ body: srt, snippet: { language: 'en', name: 'Narration' } });
    expect(youtube.playlistItems).toContainEqual(expect.objectContaining({ playlistId: playlist.body.id, videoId: video.id }));

    const view = await t.http.get(`/api/v1/youtube-uploads/${res.body.id}`, { token: owner.accessToken });
    expect(view.body).toMatchObject({
      status: 'completed',
      progress: 100,
      bytesSent: film.length,
      videoId: video.id,
      videoUrl: `https://www.youtube.com/watch?v=${video.id}`,
      appliedPrivacyStatus: 'unlisted',
      thumbnailSet: true,
      captionsUploaded: true,
      addedToPlaylist: true,
      warnings: [],
      error: null,
    });
    const [after] = await t.sql<{ access_token: string }>('select access_token from youtube_channels where id = ?', [channelId]);
    const cipher = t.app.get<TokenCipher>(TOKEN_CIPHER);
    const refreshed = cipher.open(after.access_token, `youtube-channel:${channelId}:access`);
    expect(refreshed).not.toBe(cipher.open(before.access_token, `youtube-channel:${channelId}:access`));
    const refreshGrants = google.requestsTo('POST', '/token').filter((r) => r.form.grant_type === 'refresh_token');
    expect(refreshGrants.length).toBeGreaterThanOrEqual(1);
    expect(video.owner).toBe(identity.sub);
    expect(google.accessTokens.get(refreshed)).toMatchObject({ revoked: false }); // the token Google issued on refresh

    // The notification is written by the notifications module after the upload's own event.
    await eventually(async () => {
      const notes = await t.http.get('/api/v1/notifications', { token: owner.accessToken });
      expect(notes.body.items).toContainEqual(expect.objectContaining({ type: 'youtube.upload.completed', title: '"Harbour Day" is on YouTube' }));
    });
    expect((await t.http.get('/api/v1/youtube-uploads', { token: owner.accessToken })).body.items[0]).toMatchObject({ id: res.body.id });
    await eventually(() => expect(inbox.messages.map(mailSubject)).toContain('"Harbour Day" is on YouTube'));
  });

  it('continues after a connection cut half-way from the range Google confirmed, and after a 503', async () => {
    const channel = { id: ownerChannel };
    // The first PUT answers 503; then 300,000 bytes of the first chunk arrive before a cut, and
    // Google keeps one 256 KiB unit of them.
    youtube.cutNextChunkAfter(300_000);
    google.failNext('PUT', '/upload/youtube/v3/videos', dataApiError(503, 'backendError', 'Backend Error'));
    const res = await upload(owner, channel.id, { title: 'Harbour Day (cut)' });
    const done = await waitForUpload(owner, res.body.id);
    expect(done.status).toBe('completed');
    const video = youtube.videos.get(done.videoId)!;
    expect(video.bytes.equals(film)).toBe(true);
    const session = [...youtube.sessions.values()].find((s) => s.videoId === video.id)!;
    // A 503 on the first PUT, then the cut: Google kept 262,144 of the bytes and the upload went on from there.
    expect(session.chunkOffsets.slice(0, 2)).toEqual([0, 262_144]);
    expect(session.chunkOffsets.slice(2)).toEqual(Array.from({ length: session.chunkOffsets.length - 2 }, (_, i) => 262_144 + (i + 1) * CHUNK));
  });

  it('continues after the API restarts mid-upload, from the range Google confirmed', async () => {
    const channel = { id: ownerChannel };
    youtube.holdChunk(1);
    const res = await upload(owner, channel.id, { title: 'Harbour Day (restart)' });
    await youtube.heldChunk;
    await t.restart();
    const done = await waitForUpload(owner, res.body.id);
    expect(done.status).toBe('completed');
    const video = youtube.videos.get(done.videoId)!;
    expect(video.bytes.equals(film)).toBe(true);
    const session = [...youtube.sessions.values()].find((s) => s.videoId === video.id)!;
    // Chunk 2 was held and never stored; after the restart the upload asked and went on from chunk 2.
    expect(session.chunkOffsets.slice(0, 3)).toEqual([0, CHUNK, CHUNK]);
    expect([...youtube.sessions.values()].filter((s) => s.resource.snippet.title === 'Harbour Day (restart)')).toHaveLength(1);
  });

  it('pauses uploads when the daily quota is spent, says until when, and resumes after the reset', async () => {
    const channel = { id: ownerChannel };
    const tokenCalls = google.requestsTo('POST', '/token').length;
    google.failNext('POST', '/upload/youtube/v3/videos', dataApiError(403, 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.'));
    const res = await upload(owner, channel.id, { title: 'Harbour Day (quota)' });
    const waiting = await waitForUpload(owner, res.body.id);
    expect(waiting).toMatchObject({ status: 'waiting_quota', errorReason: 'quotaExceeded' });
    expect(google.requestsTo('POST', '/token').length).toBe(tokenCalls); // a 403 is not a reason to refresh
    expect(waiting.error).toMatch(/daily API quota .* used up .* continues by itself after \d{4}-\d\d-\d\dT\d\d:00:00\.000Z \(midnight Pacific time\)/);
    const queue = t.app.get(UploadQueue).queue;
    expect(await queue.isPaused()).toBe(true);

    const gate = t.app.get(QuotaGate);
    expect(await gate.check()).toBe(false); // before the reset: still paused
    expect(await gate.check(new Date(Date.now() + 2 * 86_400_000))).toBe(true);
    expect(await queue.isPaused()).toBe(false);
    const done = await waitForUpload(owner, res.body.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(youtube.videos.get(done.videoId)!.bytes.equals(film)).toBe(true);
  });

  it("fails on YouTube's other refusals with its reason in words, once, and tells the user", async () => {
    const channel = { id: ownerChannel };
    google.failNext('POST', '/upload/youtube/v3/videos', dataApiError(400, 'uploadLimitExceeded', 'The user has exceeded the number of videos they may upload.'));
    const res = await upload(owner, channel.id, { title: 'Harbour Day (limit)' });
    const failed = await waitForUpload(owner, res.body.id);
    expect(failed).toMatchObject({ status: 'failed', errorReason: 'uploadLimitExceeded', videoId: null });
    expect(failed.error).toBe('YouTube refused starting the upload: 400 uploadLimitExceeded (The user has exceeded the number of videos they may upload.).');
    expect([...youtube.sessions.values()].some((s) => s.resource.snippet.title === 'Harbour Day (limit)')).toBe(false);
    await eventually(async () => {
      const notes = await t.http.get('/api/v1/notifications', { token: owner.accessToken });
      expect(notes.body.items).toContainEqual(
        expect.objectContaining({ type: 'youtube.upload.failed', title: '"Harbour Day (limit)" could not be uploaded to YouTube', body: expect.stringContaining('uploadLimitExceeded') }),
      );
    });
  });

  it('tells the user in words when YouTube forces the video private (unverified API project), and when it refuses the thumbnail', async () => {
    const channel = { id: ownerChannel };
    youtube.unverifiedProject = true;
    youtube.refuseThumbnails = true;
    try {
      const res = await upload(owner, channel.id, { title: 'Harbour Day (public)', privacyStatus: 'public' });
      const done = await waitForUpload(owner, res.body.id);
      expect(done).toMatchObject({ status: 'completed', privacyStatus: 'public', appliedPrivacyStatus: 'private', thumbnailSet: false, captionsUploaded: true });
      expect(done.warnings).toEqual([
        expect.stringMatching(/^YouTube made the video private although public was asked: .*not passed YouTube's audit/),
        expect.stringMatching(/refused to set the thumbnail: forbidden \(403\)/),
      ]);
      await eventually(async () => {
        const notes = await t.http.get('/api/v1/notifications', { token: owner.accessToken });
        const note = notes.body.items.find((n: any) => n.data.uploadId === res.body.id);
        expect(note.body).toMatch(/made the video private/);
      });
    } finally {
      youtube.unverifiedProject = false;
      youtube.refuseThumbnails = false;
    }
  });

  it('marks a revoked grant for reconnection, tells the user, and the retried upload works after reconnecting', async () => {
    const user = await registerUser(t);
    const other = { sub: '5550001', email: 'revoked@gmail.com', email_verified: true };
    youtube.addChannel(other.sub, { id: 'UCrevoked00000000000000001', title: 'Revoked Reels' });
    const channelId = await connectedChannel(user, other);
    const project = await createProject(t, user, { title: 'Revoked', script: SCRIPT });
    for (const [, issued] of [...google.refreshTokens, ...google.accessTokens]) if (issued.identity.sub === other.sub) issued.revoked = true;
    const playlist = await t.http.post('/api/v1/youtube/playlists', { channelId, title: 'Never' }, { token: user.accessToken });
    expect(playlist.status).toBe(409);
    expect(playlist.body).toMatchObject({ type: expect.stringMatching(/YOUTUBE.RECONNECT_REQUIRED$/), status: 409 });
    const channels = await t.http.get('/api/v1/youtube/channels', { token: user.accessToken });
    expect(channels.body[0]).toMatchObject({ status: 'needs_reconnect', statusReason: 'invalid_grant' });
    await eventually(async () => {
      const notes = await t.http.get('/api/v1/notifications', { token: user.accessToken });
      expect(notes.body.items).toContainEqual(expect.objectContaining({ type: 'youtube.channel.reconnect', title: 'Connect "Revoked Reels" again' }));
    });
    const refused = await upload(user, channelId, {}, project.id);
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/YOUTUBE.RECONNECT_REQUIRED$/);

    expect(await connectedChannel(user, other)).toBe(channelId);
    expect((await t.http.get('/api/v1/youtube/channels', { token: user.accessToken })).body[0]).toMatchObject({ status: 'connected', statusReason: null });
  });

  it('fails an upload whose grant is revoked mid-way with reconnect_required, and the retry continues after reconnecting', async () => {
    const channelId = ownerChannel;
    youtube.holdChunk(0);
    const res = await upload(owner, channelId, { title: 'Harbour Day (revoked)' });
    await youtube.heldChunk;
    // Revoke everything while the first chunk is in flight, then cut it: the next call must refresh and cannot.
    for (const [, issued] of [...google.refreshTokens, ...google.accessTokens]) if (issued.identity.sub === identity.sub) issued.revoked = true;
    await t.restart();
    const failed = await waitForUpload(owner, res.body.id, ['failed']);
    expect(failed).toMatchObject({ status: 'failed', errorReason: 'reconnect_required' });
    expect(failed.error).toMatch(/Connect the channel again, then retry this upload/);

    expect(await connectedChannel(owner)).toBe(channelId);
    const retried = await t.http.post(`/api/v1/youtube-uploads/${res.body.id}/retry`, {}, { token: owner.accessToken });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: 'queued', attempt: 2 });
    const done = await waitForUpload(owner, res.body.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(youtube.videos.get(done.videoId)!.bytes.equals(film)).toBe(true);
  });

  it('checks YouTube limits before sending anything, and refuses projects under moderation', async () => {
    const channel = { id: ownerChannel };
    const uploadsBefore = await uploadCount();
    const sessionsBefore = youtube.sessions.size;
    const long = await upload(owner, channel.id, { title: 'x'.repeat(101), description: 'a <b>' });
    expect(long.status).toBe(400);
    expect(long.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(long.body.errors).toEqual([
      { field: 'title', messages: ['must be at most 100 characters'] },
      { field: 'description', messages: ['must not contain < or > (YouTube refuses them)'] },
    ]);
    const bytes = await upload(owner, channel.id, { description: 'é'.repeat(2501) });
    expect(bytes.body.errors).toEqual([{ field: 'description', messages: ['must be at most 5000 bytes of UTF-8'] }]);
    const scheduledPublic = await upload(owner, channel.id, { privacyStatus: 'public', publishAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(scheduledPublic.status).toBe(400);
    expect(scheduledPublic.body.errors[0].field).toBe('publishAt');
    const badPrivacy = await upload(owner, channel.id, { privacyStatus: 'friends' });
    expect(badPrivacy.status).toBe(400);
    expect(badPrivacy.body.errors[0]).toEqual({ field: 'privacyStatus', messages: ['privacyStatus must be one of: public, unlisted, private'] });
    const noJob = await upload(owner, channel.id, { jobId: '00000000-0000-4000-8000-000000000000' });
    expect(noJob.status).toBe(404);

    const flagged = await createProject(t, owner, { title: 'Flagged', script: 'An nsfw scene in the harbour.' });
    const pending = await upload(owner, channel.id, {}, flagged.id);
    expect(pending.status).toBe(409);
    expect(pending.body.type).toMatch(/MODERATION_PENDING$/);
    const noFilm = await createProject(t, owner, { title: 'Unrendered' });
    expect((await upload(owner, channel.id, {}, noFilm.id)).body.type).toMatch(/YOUTUBE.NO_FILM$/);
    expect(await uploadCount()).toBe(uploadsBefore);
    expect(youtube.sessions.size).toBe(sessionsBefore);
  });

  it('keeps users apart: nobody uploads to, lists, deletes or cancels what is another user’s', async () => {
    const channel = { id: ownerChannel };
    const stranger = await registerUser(t);
    const strangerProject = await createProject(t, stranger);
    const toOwnersChannel = await upload(stranger, channel.id, {}, strangerProject.id);
    expect(toOwnersChannel.status).toBe(404);
    expect(toOwnersChannel.body.type).toMatch(/YOUTUBE.CHANNEL_NOT_FOUND$/);
    const ownersProject = await upload(stranger, channel.id);
    expect(ownersProject.status).toBe(404);
    const [ownersUpload] = (await t.http.get('/api/v1/youtube-uploads', { token: owner.accessToken })).body.items;
    expect((await t.http.get(`/api/v1/youtube-uploads/${ownersUpload.id}`, { token: stranger.accessToken })).status).toBe(404);
    expect((await t.http.post(`/api/v1/youtube-uploads/${ownersUpload.id}/cancel`, {}, { token: stranger.accessToken })).status).toBe(404);
    expect((await t.http.delete(`/api/v1/youtube/channels/${channel.id}`, undefined, { token: stranger.accessToken })).status).toBe(404);
    expect((await t.http.get('/api/v1/youtube-uploads', { token: stranger.accessToken })).body.items).toEqual([]);
    const forged = Buffer.from(JSON.stringify({ c: 'yesterday', i: ownersUpload.id })).toString('base64url');
    const badCursor = await t.http.get(`/api/v1/youtube-uploads?cursor=${forged}`, { token: stranger.accessToken });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.type).toMatch(/PAGINATION.BAD_CURSOR$/);
    expect((await t.http.get('/api/v1/youtube/channels', { token: stranger.accessToken })).body).toEqual([]);
  });

  it('answers an Idempotency-Key resubmission, also in parallel, with the first upload', async () => {
    const channel = { id: ownerChannel };
    const headers = { 'idempotency-key': `yt-${randomBytes(6).toString('hex')}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => upload(owner, channel.id, { title: 'Harbour Day (once)' }, projectId, headers)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 202]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const done = await waitForUpload(owner, results[0].body.id);
    expect(done.status).toBe('completed');
    expect([...youtube.sessions.values()].filter((s) => s.resource.snippet.title === 'Harbour Day (once)')).toHaveLength(1);
  });

  it('cancels a queued upload, which then sends nothing', async () => {
    const channel = { id: ownerChannel };
    const queue = t.app.get(UploadQueue).queue;
    await queue.pause(true); // this process stops taking uploads, so this one stays queued
    try {
      const res = await upload(owner, channel.id, { title: 'Harbour Day (cancelled)' });
      const cancelled = await t.http.post(`/api/v1/youtube-uploads/${res.body.id}/cancel`, {}, { token: owner.accessToken });
      expect(cancelled.status).toBe(202);
      expect(cancelled.body).toMatchObject({ status: 'cancelled' });
      expect(await queue.getJob(`${res.body.id}:1`)).toBeNull();
      const again = await t.http.post(`/api/v1/youtube-uploads/${res.body.id}/cancel`, {}, { token: owner.accessToken });
      expect(again.status).toBe(409);
    } finally {
      await queue.resume(true);
    }
    expect([...youtube.sessions.values()].some((s) => s.resource.snippet.title === 'Harbour Day (cancelled)')).toBe(false);
  });

  it('cancels an upload in flight at its next chunk: no video is made', async () => {
    const channel = { id: ownerChannel };
    const delayed = youtube.delayNextAnswer();
    const res = await upload(owner, channel.id, { title: 'Harbour Day (stopped)' });
    await delayed.arrived;
    const cancel = await t.http.post(`/api/v1/youtube-uploads/${res.body.id}/cancel`, {}, { token: owner.accessToken });
    expect(cancel.status).toBe(202);
    expect(cancel.body).toMatchObject({ status: 'uploading' }); // requested: the chunk in flight ends first
    delayed.release();
    const done = await waitForUpload(owner, res.body.id);
    expect(done).toMatchObject({ status: 'cancelled', videoId: null, bytesSent: CHUNK });
    const session = [...youtube.sessions.values()].find((s) => s.resource.snippet.title === 'Harbour Day (stopped)')!;
    expect(session.chunkOffsets).toEqual([0]);
    expect(session.videoId).toBeUndefined();
  });

  it('deletes the video when the cancel comes while the last chunk is on its way', async () => {
    const chunks = Math.ceil(film.length / CHUNK);
    const delayed = youtube.delayNextAnswer(chunks - 1);
    const res = await upload(owner, ownerChannel, { title: 'Harbour Day (too late)' });
    await delayed.arrived;
    expect((await t.http.post(`/api/v1/youtube-uploads/${res.body.id}/cancel`, {}, { token: owner.accessToken })).status).toBe(202);
    delayed.release();
    const done = await waitForUpload(owner, res.body.id);
    expect(done).toMatchObject({ status: 'cancelled', videoId: null, error: expect.stringMatching(/the video was deleted/) });
    const session = [...youtube.sessions.values()].find((s) => s.resource.snippet.title === 'Harbour Day (too late)')!;
    expect(youtube.deletedVideos).toContain(session.videoId);
    expect(youtube.videos.has(session.videoId!)).toBe(false);
  });

  it('starts a new session when YouTube forgot the stored one, and pauses on a quota error mid-film', async () => {
    const queue = t.app.get(UploadQueue).queue;
    const delayed = youtube.delayNextAnswer(0);
    const res = await upload(owner, ownerChannel, { title: 'Harbour Day (forgotten)' });
    await delayed.arrived;
    await queue.pause(true, true); // the next attempt waits until this test lets it go
    const first = [...youtube.sessions.values()].find((s) => s.resource.snippet.title === 'Harbour Day (forgotten)')!;
    // The chunk in flight is refused with quota: the upload waits, keeping its session.
    google.failNext('PUT', '/upload/youtube/v3/videos', dataApiError(403, 'quotaExceeded', 'Quota exceeded.'));
    delayed.release();
    const waiting = await waitForUpload(owner, res.body.id, ['waiting_quota']);
    expect(waiting.bytesSent).toBeGreaterThanOrEqual(0);
    first.expired = true;
    await t.app.get(QuotaGate).check(new Date(Date.now() + 2 * 86_400_000));
    await queue.resume(true);
    const done = await waitForUpload(owner, res.body.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    const second = [...youtube.sessions.values()].filter((s) => s.resource.snippet.title === 'Harbour Day (forgotten)');
    expect(second).toHaveLength(2);
    expect(youtube.videos.get(done.videoId)!.bytes.equals(film)).toBe(true);
  });

  it('refuses a stranger retrying an upload or making a playlist on a channel that is not theirs', async () => {
    const stranger = await registerUser(t);
    const [ownersUpload] = (await t.http.get('/api/v1/youtube-uploads', { token: owner.accessToken })).body.items;
    expect((await t.http.post(`/api/v1/youtube-uploads/${ownersUpload.id}/retry`, {}, { token: stranger.accessToken })).status).toBe(404);
    const playlist = await t.http.post('/api/v1/youtube/playlists', { channelId: ownerChannel, title: 'Mine now' }, { token: stranger.accessToken });
    expect(playlist.status).toBe(404);
    expect(playlist.body.type).toMatch(/YOUTUBE.CHANNEL_NOT_FOUND$/);
  });

  it('disconnects a channel: revoked at Google, forgotten here; an already revoked grant counts as revoked', async () => {
    const user = await registerUser(t);
    const who = { sub: '7770001', email: 'leaving@gmail.com', email_verified: true };
    youtube.addChannel(who.sub, { id: 'UCleaving0000000000000001', title: 'Leaving' });
    const first = await connectedChannel(user, who);
    const refresh = [...google.refreshTokens].find(([, issued]) => issued.identity.sub === who.sub && !issued.revoked)![0];
    expect((await t.http.delete(`/api/v1/youtube/channels/${first}`, undefined, { token: user.accessToken })).status).toBe(204);
    expect(google.refreshTokens.get(refresh)!.revoked).toBe(true);
    expect(google.requestsTo('POST', '/revoke').at(-1)!.query.token ?? google.requestsTo('POST', '/revoke').at(-1)!.form.token).toBe(refresh);
    expect((await t.http.get('/api/v1/youtube/channels', { token: user.accessToken })).body).toEqual([]);
    expect((await t.http.delete(`/api/v1/youtube/channels/${first}`, undefined, { token: user.accessToken })).status).toBe(404);

    const second = await connectedChannel(user, who);
    for (const [, issued] of google.refreshTokens) if (issued.identity.sub === who.sub) issued.revoked = true;
    expect((await t.http.delete(`/api/v1/youtube/channels/${second}`, undefined, { token: user.accessToken })).status).toBe(204);
  });

  it('revokes and forgets every channel of a deleted account, also when Google cannot be reached for one', async () => {
    const user = await registerUser(t);
    const reels = { sub: '7770002', email: 'closing@gmail.com', email_verified: true };
    const shorts = { sub: '7770003', email: 'closing.shorts@gmail.com', email_verified: true };
    youtube.addChannel(reels.sub, { id: 'UCclosing0000000000000001', title: 'Closing Reels' });
    youtube.addChannel(shorts.sub, { id: 'UCclosing0000000000000002', title: 'Closing Shorts' });
    await connectedChannel(user, reels);
    await connectedChannel(user, shorts);
    const grants = () => [...google.refreshTokens.values()].filter((issued) => [reels.sub, shorts.sub].includes(issued.identity.sub));
    expect(grants().map((issued) => issued.revoked)).toEqual([false, false]);
    // The first revoke meets Google down for longer than the client's retries last.
    const revokesBefore = google.requestsTo('POST', '/revoke').length;
    for (let i = 0; i < 5; i++) google.failNext('POST', '/revoke', { status: 503, body: { error: 'temporarily_unavailable' } });

    expect((await t.http.delete('/api/v1/users/me', { password: user.password }, { token: user.accessToken })).status).toBe(204);
    await eventually(async () => expect(await t.sql('select id from youtube_channels where user_id = ?', [user.id])).toEqual([]));
    // One revoke answered 503 and that grant could only be forgotten here; the other is revoked at Google.
    expect(grants().map((issued) => issued.revoked).sort()).toEqual([false, true]);
    // Four tries of the first revoke, and the second's first try failing too: no failure is left for later tests.
    expect(google.requestsTo('POST', '/revoke').length - revokesBefore).toBe(6);
  });

  it("revokes at start-up the grants of an account whose deletion a dying process did not finish", async () => {
    const user = await registerUser(t);
    const who = { sub: '7770004', email: 'crashed@gmail.com', email_verified: true };
    youtube.addChannel(who.sub, { id: 'UCcrashed0000000000000001', title: 'Crashed Reels' });
    await connectedChannel(user, who);
    // The deletion committed; the process died before its AccountDeletedEvent was handled.
    await t.sql('update users set deleted_at = now() where id = ?', [user.id]);
    await t.app.get(DeletedAccountGrants).sweep();
    expect(await t.sql('select id from youtube_channels where user_id = ?', [user.id])).toEqual([]);
    expect([...google.refreshTokens.values()].filter((issued) => issued.identity.sub === who.sub).map((issued) => issued.revoked)).toEqual([true]);
  });

  it('stops an upload in flight when its channel is disconnected, and keeps the history', async () => {
    const delayed = youtube.delayNextAnswer(0);
    const res = await upload(owner, ownerChannel, { title: 'Harbour Day (disconnected)' });
    await delayed.arrived;
    expect((await t.http.delete(`/api/v1/youtube/channels/${ownerChannel}`, undefined, { token: owner.accessToken })).status).toBe(204);
    delayed.release();
    const done = await waitForUpload(owner, res.body.id);
    expect(done).toMatchObject({ status: 'cancelled', channelId: null, channelTitle: 'Maker Films', videoId: null });
    ownerChannel = await connectedChannel(owner);
  });
});

describe('YouTube without configuration', () => {
  it('answers 503 saying what to set', async () => {
    const t = await startTestApp({});
    try {
      const user = await registerUser(t);
      const res = await t.http.get('/api/v1/youtube/connect', { token: user.accessToken });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ type: expect.stringMatching(/YOUTUBE.NOT_CONFIGURED$/), detail: expect.stringContaining('TOKEN_ENCRYPTION_KEYS') });
      expect((await t.http.get('/api/v1/youtube/channels', { token: user.accessToken })).body).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
