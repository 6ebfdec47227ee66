import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import S3rver from 's3rver';
import type { JobOutputFile } from '@afs/contracts';
import type { Storage } from '@afs/storage';
import {
  RegisterJobAssetsCommand,
  RegisteredJobAssets,
} from '../../src/modules/assets/commands/register-job-assets/register-job-assets.command';
import { AssetLinkSigner } from '../../src/modules/assets/links/asset-link-signer';
import { ASSET_STORAGE } from '../../src/modules/assets/storage/asset-storage';
import { startTestApp, TestApp } from '../support/test-app';
import { createProject } from '../support/projects';
import { registerUser, RegisteredUser } from '../support/users';

const PROBLEM = 'application/problem+json';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A job's files as the runner leaves them: bytes in storage, plus the outputs of its result message. */
async function storeJobFiles(storage: Storage, jobId: string) {
  const files = {
    film: {
      bytes: randomBytes(300_000),
      key: `jobs/${jobId}/compose/film.mp4`,
      contentType: 'video/mp4',
      durationSeconds: 12.5,
      width: 854,
      height: 480,
    },
    subtitles_vtt: {
      bytes: Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n'),
      key: `jobs/${jobId}/subtitles/captions.vtt`,
      contentType: 'text/vtt',
    },
    thumbnail: {
      bytes: randomBytes(20_000),
      key: `jobs/${jobId}/thumbnail/thumbnail.png`,
      contentType: 'image/png',
      width: 1280,
      height: 720,
    },
  };
  const outputs: JobOutputFile[] = [];
  for (const [kind, file] of Object.entries(files)) {
    await storage.put(file.key, file.bytes);
    const { bytes, key, ...media } = file;
    outputs.push({
      kind: kind as JobOutputFile['kind'],
      storageKey: key,
      size: bytes.length,
      checksum: sha256(bytes),
      ...media,
    });
  }
  return { files, outputs };
}

async function fetchBytes(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers, redirect: 'manual' });
  return { response, body: Buffer.from(await response.arrayBuffer()) };
}

describe('assets on local storage', () => {
  let t: TestApp;
  let storageDir: string;
  let storage: Storage;
  let commands: CommandBus;
  let ada: RegisteredUser;
  let eve: RegisteredUser;
  let projectId: string;
  let jobId: string;
  let files: Awaited<ReturnType<typeof storeJobFiles>>['files'];
  let outputs: JobOutputFile[];
  let first: RegisteredJobAssets;

  const register = (outs: JobOutputFile[], job = jobId) =>
    commands.execute(
      new RegisterJobAssetsCommand({ jobId: job, projectId, userId: ada.id, outputs: outs }),
    );
  const assetId = (kind: string) => first.assets.find((a) => a.kind === kind)!.id;
  /** Follows /download as a browser would, returning the signed link it redirects to. */
  const signedLink = async (id: string, user = ada) => {
    const res = await t.http.get(`/api/v1/assets/${id}/download`, { token: user.accessToken });
    expect(res.status).toBe(302);
    expect(res.headers.get('cache-control')).toBe('no-store');
    return new URL(res.headers.get('location')!, t.url).toString();
  };

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'afs-assets-'));
    t = await startTestApp({
      STORAGE_LOCAL_DIR: storageDir,
      ASSET_URL_TTL_SECONDS: '120',
    });
    storage = t.app.get(ASSET_STORAGE);
    commands = t.app.get(CommandBus);
    [ada, eve] = await Promise.all([registerUser(t), registerUser(t)]);
    projectId = (await createProject(t, ada)).id;
    jobId = randomUUID();
    ({ files, outputs } = await storeJobFiles(storage, jobId));
    first = await register(outputs);
  });
  afterAll(async () => {
    await t?.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('registers a job result once, however often the result message arrives', async () => {
    expect(first).toMatchObject({ inserted: 3, rejected: [] });
    expect(first.assets.map((a) => a.kind).sort()).toEqual(['film', 'subtitles_vtt', 'thumbnail']);
    const again = await register(outputs);
    const concurrent = await Promise.all([register(outputs), register(outputs)]);
    expect([again, ...concurrent].map((r) => r.inserted)).toEqual([0, 0, 0]);
    expect(again.assets).toEqual(first.assets);
    const rows = await t.sql<{ kind: string; n: number }>(
      `select kind, count(*)::int as n from assets where job_id = ? group by kind order by kind`,
      [jobId],
    );
    expect(rows).toEqual([
      { kind: 'film', n: 1 },
      { kind: 'subtitles_vtt', n: 1 },
      { kind: 'thumbnail', n: 1 },
    ]);
    const [film] = await t.sql(`select * from assets where job_id = ? and kind = 'film'`, [jobId]);
    expect(film).toMatchObject({
      project_id: projectId,
      user_id: ada.id,
      storage_key: files.film.key,
      size: String(files.film.bytes.length),
      content_type: 'video/mp4',
      checksum: sha256(files.film.bytes),
      duration_seconds: 12.5,
      width: 854,
      height: 480,
    });
  });

  it('refuses malformed outputs, keys that try to escape included, without failing the rest', async () => {
    const otherJob = randomUUID();
    const result = await register(
      [
        { ...outputs[0], storageKey: '../../etc/passwd' },
        { ...outputs[2], checksum: 'not-a-digest' },
        { ...outputs[0], kind: 'screenplay' as never },
        outputs[1],
      ],
      otherJob,
    );
    expect(result.inserted).toBe(1);
    expect(result.rejected.map((r) => r.kind)).toEqual(['film', 'thumbnail', 'screenplay']);
    expect(result.rejected[0].reason).toMatch(/invalid storage key/);
    expect(await t.sql(`select kind from assets where job_id = ?`, [otherJob])).toEqual([
      { kind: 'subtitles_vtt' },
    ]);
  });

  it('registers a still per scene and one narration, each once, and names their downloads', async () => {
    const stillsJob = randomUUID();
    const still = async (sceneIndex: number) => {
      const bytes = randomBytes(5_000 + sceneIndex);
      const key = `jobs/${stillsJob}/images/scene-${String(sceneIndex + 1).padStart(3, '0')}.png`;
      await storage.put(key, bytes);
      return { kind: 'image', storageKey: key, size: bytes.length, contentType: 'image/png', checksum: sha256(bytes), width: 854, height: 480, sceneIndex } satisfies JobOutputFile;
    };
    const stills = await Promise.all([0, 1, 2].map(still));
    const voice = randomBytes(48_000);
    await storage.put(`jobs/${stillsJob}/voice/narration.wav`, voice);
    const narration: JobOutputFile = { kind: 'narration', storageKey: `jobs/${stillsJob}/voice/narration.wav`, size: voice.length, contentType: 'audio/wav', checksum: sha256(voice), durationSeconds: 1 };

    const result = await register(
      [
        ...stills,
        narration,
        { ...stills[1], storageKey: `jobs/${stillsJob}/images/again.png` },
        { ...stills[0], sceneIndex: undefined },
        { ...stills[0], sceneIndex: -1 },
        { ...narration, sceneIndex: 0 },
      ],
      stillsJob,
    );
    expect(result.rejected).toEqual([
      { kind: 'image', reason: 'a second file of the same kind and scene' },
      { kind: 'image', reason: expect.stringMatching(/^sceneIndex must be a scene's index/) },
      { kind: 'image', reason: expect.stringMatching(/^sceneIndex must be a scene's index/) },
      { kind: 'narration', reason: 'sceneIndex belongs to per-scene files only, not to narration' },
    ]);
    expect(result.inserted).toBe(4);
    // A repeated result, twice at once, adds no second still of a scene (nor a second narration).
    const repeats = await Promise.all([register([...stills, narration], stillsJob), register([...stills].reverse(), stillsJob)]);
    expect(repeats.map((r) => r.inserted)).toEqual([0, 0]);
    expect(repeats[0].assets.map((a) => [a.kind, a.sceneIndex])).toEqual([['image', 0], ['image', 1], ['image', 2], ['narration', null]]);
    // The database holds the same rules for any writer.
    await expect(
      t.sql(
        `insert into assets (id, project_id, job_id, user_id, kind, storage_key, size, content_type, checksum) values (?, ?, ?, ?, 'image', 'k', 1, 'image/png', ?)`,
        [randomUUID(), projectId, stillsJob, ada.id, sha256(voice)],
      ),
    ).rejects.toThrow(/assets_scene_index_kind_check/);

    const listed = await t.http.get(`/api/v1/projects/${projectId}/assets?jobId=${stillsJob}&kind=image`, { token: ada.accessToken });
    expect(listed.status).toBe(200);
    // In scene order: the list shows a job's files in the order the runner sent them.
    const byScene: { id: string; sceneIndex: number; fileName: string; width: number }[] = listed.body.items;
    expect(byScene.map((a) => [a.sceneIndex, a.fileName, a.width])).toEqual([
      [0, `image-${stillsJob.slice(0, 8)}-scene-001.png`, 854],
      [1, `image-${stillsJob.slice(0, 8)}-scene-002.png`, 854],
      [2, `image-${stillsJob.slice(0, 8)}-scene-003.png`, 854],
    ]);
    const link = await signedLink(byScene[2].id);
    const { response, body } = await fetchBytes(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(`image-${stillsJob.slice(0, 8)}-scene-003.png`);
    expect(sha256(body)).toBe(stills[2].checksum);
  });

  it("lists a project's assets for its owner, filtered and paginated", async () => {
    const all = await t.http.get(`/api/v1/projects/${projectId}/assets?jobId=${jobId}`, {
      token: ada.accessToken,
    });
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    expect(all.body.items).toHaveLength(3);
    const film = all.body.items.find((a: { kind: string }) => a.kind === 'film');
    expect(film).toEqual({
      id: assetId('film'),
      projectId,
      jobId,
      kind: 'film',
      fileName: `film-${jobId.slice(0, 8)}.mp4`,
      contentType: 'video/mp4',
      size: files.film.bytes.length,
      checksum: sha256(files.film.bytes),
      durationSeconds: 12.5,
      width: 854,
      height: 480,
      sceneIndex: null,
      downloadUrl: `/api/v1/assets/${assetId('film')}/download`,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(all.body)).not.toContain('jobs/');

    const films = await t.http.get(`/api/v1/projects/${projectId}/assets?kind=film`, {
      token: ada.accessToken,
    });
    expect(films.body.items.map((a: { id: string }) => a.id)).toEqual([assetId('film')]);
    const none = await t.http.get(`/api/v1/projects/${projectId}/assets?jobId=${randomUUID()}`, {
      token: ada.accessToken,
    });
    expect(none.body).toEqual({ items: [], nextCursor: null });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await t.http.get(
          `/api/v1/projects/${projectId}/assets?limit=1&jobId=${jobId}${cursor ? `&cursor=${cursor}` : ''}`,
          { token: ada.accessToken },
        );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((a) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(first.assets.map((a) => a.id).sort());
  });

  it('refuses bad list parameters with problems', async () => {
    const kind = await t.http.get(`/api/v1/projects/${projectId}/assets?kind=poster`, {
      token: ada.accessToken,
    });
    expect(kind.status).toBe(400);
    expect(kind.body.errors).toEqual([
      { field: 'kind', messages: [expect.stringContaining('film, subtitles_srt')] },
    ]);
    const cursor = await t.http.get(`/api/v1/projects/${projectId}/assets?cursor=bogus`, {
      token: ada.accessToken,
    });
    expect(cursor.status).toBe(400);
    expect(cursor.body.type).toMatch(/PAGINATION.BAD_CURSOR$/);
  });

  it("answers 404 for another user's project, asset and download, and 401 without a token", async () => {
    for (const path of [
      `/api/v1/projects/${projectId}/assets`,
      `/api/v1/projects/not-a-uuid/assets`,
      `/api/v1/projects/${randomUUID()}/assets`,
    ]) {
      const res = await t.http.get(path, { token: eve.accessToken });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
    }
    for (const path of [
      `/api/v1/assets/${assetId('film')}`,
      `/api/v1/assets/${assetId('film')}/download`,
      `/api/v1/assets/${assetId('film')}/link`,
      '/api/v1/assets/nope',
    ]) {
      const res = await t.http.get(path, { token: eve.accessToken });
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        status: 404,
        type: expect.stringMatching(/ASSET.NOT_FOUND$/),
      });
      expect(res.text).not.toContain('jobs/');
    }
    for (const path of [
      `/api/v1/projects/${projectId}/assets`,
      `/api/v1/assets/${assetId('film')}`,
      `/api/v1/assets/${assetId('film')}/download`,
    ]) {
      const res = await t.http.get(path);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
    }
  });

  it('shows one asset to its owner', async () => {
    const res = await t.http.get(`/api/v1/assets/${assetId('thumbnail')}`, {
      token: ada.accessToken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: assetId('thumbnail'),
      kind: 'thumbnail',
      contentType: 'image/png',
      width: 1280,
      height: 720,
      durationSeconds: null,
    });
  });

  it('redirects a download to a signed link that serves the whole file', async () => {
    const link = await signedLink(assetId('film'));
    expect(link).toMatch(
      new RegExp(`/api/v1/assets/${assetId('film')}/content\\?expires=\\d+&signature=[\\w-]+$`),
    );
    const { response, body } = await fetchBytes(link);
    expect(response.status).toBe(200);
    expect(body.equals(files.film.bytes)).toBe(true);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe(String(files.film.bytes.length));
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('etag')).toBe(`"${sha256(files.film.bytes)}"`);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="film-${jobId.slice(0, 8)}.mp4"; filename*=UTF-8''film-${jobId.slice(0, 8)}.mp4`,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const json = await t.http.get(`/api/v1/assets/${assetId('subtitles_vtt')}/link`, {
      token: ada.accessToken,
    });
    expect(json.status).toBe(200);
    expect(Date.parse(json.body.expiresAt) - Date.now()).toBeGreaterThan(100_000);
    const subtitles = await fetchBytes(new URL(json.body.url, t.url).toString());
    expect(subtitles.body.toString()).toBe(files.subtitles_vtt.bytes.toString());
    expect(subtitles.response.headers.get('content-type')).toBe('text/vtt');
  });

  it('serves byte ranges: first bytes, open-ended, suffix; 416 past the end', async () => {
    const link = await signedLink(assetId('film'));
    const bytes = files.film.bytes;
    const size = bytes.length;
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      [`bytes=${size - 1000}-`, size - 1000, size - 1],
      ['bytes=-500', size - 500, size - 1],
      [`bytes=100000-${size + 5000}`, 100000, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const { response, body } = await fetchBytes(link, { range });
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get('content-length')).toBe(String(end - start + 1));
      expect(body.equals(bytes.subarray(start, end + 1))).toBe(true);
    }

    const beyond = await fetchBytes(link, { range: `bytes=${size}-` });
    expect(beyond.response.status).toBe(416);
    expect(beyond.response.headers.get('content-range')).toBe(`bytes */${size}`);
    expect(beyond.response.headers.get('content-type')).toContain(PROBLEM);
    expect(JSON.parse(beyond.body.toString())).toMatchObject({
      status: 416,
      type: expect.stringMatching(/ASSET.RANGE_NOT_SATISFIABLE$/),
    });

    // If-Range with another version's tag: the client's copy is stale, so it gets the whole file.
    const stale = await fetchBytes(link, { range: 'bytes=0-9', 'if-range': '"0000"' });
    expect(stale.response.status).toBe(200);
    expect(stale.body.length).toBe(size);
    const current = await fetchBytes(link, {
      range: 'bytes=0-9',
      'if-range': `"${sha256(bytes)}"`,
    });
    expect(current.response.status).toBe(206);
    const cached = await fetchBytes(link, { 'if-none-match': `"${sha256(bytes)}"` });
    expect(cached.response.status).toBe(304);
    expect(cached.body.length).toBe(0);
  });

  it('refuses tampered and expired links with 403 problems', async () => {
    const link = new URL(await signedLink(assetId('film')));
    const signature = link.searchParams.get('signature')!;
    const expires = Number(link.searchParams.get('expires'));
    const tampered = [
      link.toString().replace(signature, (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)),
      link.toString().replace(`expires=${expires}`, `expires=${expires + 3600}`),
      link.toString().replace(assetId('film'), assetId('thumbnail')),
      link.toString().replace(/&signature=.*/, ''),
      `${t.url}/api/v1/assets/${assetId('film')}/content`,
    ];
    for (const url of tampered) {
      const { response, body } = await fetchBytes(url);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toContain(PROBLEM);
      expect(JSON.parse(body.toString()).type).toMatch(/ASSET.LINK_INVALID$/);
    }

    // A genuine link signed two hours ago with the app's own signer has run out.
    const old = t.app.get(AssetLinkSigner).sign(assetId('film'), Date.now() - 2 * 3600_000);
    const expired = await fetchBytes(
      `${t.url}/api/v1/assets/${assetId('film')}/content?expires=${old.expires}&signature=${old.signature}`,
    );
    expect(expired.response.status).toBe(403);
    expect(JSON.parse(expired.body.toString())).toMatchObject({
      status: 403,
      type: expect.stringMatching(/ASSET.LINK_EXPIRED$/),
    });
  });

  it('answers 410 when a registered file is gone from storage', async () => {
    const lostJob = randomUUID();
    const bytes = Buffer.from('short lived');
    await storage.put(`jobs/${lostJob}/thumbnail/thumbnail.png`, bytes);
    const result = await register(
      [
        {
          kind: 'thumbnail',
          storageKey: `jobs/${lostJob}/thumbnail/thumbnail.png`,
          size: bytes.length,
          contentType: 'image/png',
          checksum: sha256(bytes),
        },
      ],
      lostJob,
    );
    await storage.delete(`jobs/${lostJob}/thumbnail/thumbnail.png`);
    const { response, body } = await fetchBytes(await signedLink(result.assets[0].id));
    expect(response.status).toBe(410);
    expect(JSON.parse(body.toString()).type).toMatch(/ASSET.FILE_MISSING$/);
  });
});

describe('assets on S3 (s3rver on loopback)', () => {
  const bucket = 'afs-assets';
  let s3Dir: string;
  let server: S3rver;
  let endpoint: string;
  let t: TestApp;

  beforeAll(async () => {
    s3Dir = await mkdtemp(join(tmpdir(), 'afs-s3-'));
    server = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: bucket, configs: [] }],
    });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    t = await startTestApp({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      ASSET_URL_TTL_SECONDS: '300',
    });
  });
  afterAll(async () => {
    await t?.close();
    await server?.close();
    await rm(s3Dir, { recursive: true, force: true });
  });

  it('redirects a download to a presigned URL whose bytes are the file', async () => {
    const ada = await registerUser(t);
    const projectId = (await createProject(t, ada)).id;
    const jobId = randomUUID();
    const { files, outputs } = await storeJobFiles(t.app.get<Storage>(ASSET_STORAGE), jobId);
    const registered = await t.app
      .get(CommandBus)
      .execute(new RegisterJobAssetsCommand({ jobId, projectId, userId: ada.id, outputs }));
    const filmId = registered.assets.find((a) => a.kind === 'film')!.id;

    const res = await t.http.get(`/api/v1/assets/${filmId}/download`, { token: ada.accessToken });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(endpoint);
    expect(location.pathname).toBe(`/${bucket}/${files.film.key}`);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(location.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);

    const { response, body } = await fetchBytes(location.toString());
    expect(response.status).toBe(200);
    expect(body.equals(files.film.bytes)).toBe(true);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-disposition')).toContain(
      `filename="film-${jobId.slice(0, 8)}.mp4"`,
    );

    const eve = await registerUser(t);
    expect(
      (await t.http.get(`/api/v1/assets/${filmId}/download`, { token: eve.accessToken })).status,
    ).toBe(404);
  });
});
