import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { S3Storage } from './s3-storage.driver';
import { InvalidStorageKeyError, StorageNotFoundError } from './storage-errors';
import { streamRange } from './storage-range';

const BUCKET = 'afs-test';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** A real S3-compatible server on loopback: the driver is exercised over HTTP, signatures and all. */
describe('S3Storage against s3rver', () => {
  let dir: string;
  let server: S3rver;
  let storage: S3Storage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'afs-s3rver-'));
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port } = await server.run();
    storage = new S3Storage({
      bucket: BUCKET,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      // s3rver's fixed development credentials.
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
  });
  afterAll(async () => {
    storage?.client.destroy();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('puts and gets buffers, strings and streams', async () => {
    await storage.put('jobs/a/one.bin', Buffer.from([1, 2, 3]));
    await storage.put('jobs/a/two.txt', 'hello');
    await storage.put('jobs/b/three.txt', Readable.from([Buffer.from('str'), Buffer.from('eam')]));
    expect(await storage.get('jobs/a/one.bin')).toEqual(Buffer.from([1, 2, 3]));
    expect((await storage.get('jobs/a/two.txt')).toString()).toBe('hello');
    expect((await readAll(await storage.stream('jobs/b/three.txt'))).toString()).toBe('stream');
  });

  it('lists keys under a folder-like prefix, sorted, and reports stat and existence', async () => {
    await storage.put('list/a/z.txt', 'z');
    await storage.put('list/a/deep/y.txt', 'yy');
    await storage.put('list/ab/x.txt', 'x');
    expect(await storage.list('list/a')).toEqual(['list/a/deep/y.txt', 'list/a/z.txt']);
    expect(await storage.list('list/a/')).toEqual(['list/a/deep/y.txt', 'list/a/z.txt']);
    expect(await storage.list('list')).toHaveLength(3);
    expect(await storage.list('list/missing')).toEqual([]);
    const info = await storage.stat('list/a/deep/y.txt');
    expect(info).toMatchObject({ key: 'list/a/deep/y.txt', size: 2 });
    expect(Math.abs(Date.now() - info!.modifiedAt.getTime())).toBeLessThan(60_000);
    expect(await storage.stat('list/a/none')).toBeUndefined();
    expect(await storage.exists('list/ab/x.txt')).toBe(true);
    expect(await storage.exists('list/ab/none')).toBe(false);
  });

  it('deletes, and deleting a missing key is fine', async () => {
    await storage.put('del/v', 'v');
    await storage.delete('del/v');
    await storage.delete('del/v');
    expect(await storage.exists('del/v')).toBe(false);
  });

  it('throws StorageNotFoundError for missing keys on get, stream and ranges, at the call', async () => {
    await expect(storage.get('nope/x')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.stream('nope/x')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(streamRange(storage, 'nope/x', { start: 0, end: 1 })).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('streams byte ranges', async () => {
    await storage.put('range/file.bin', Buffer.from('0123456789'));
    expect((await readAll(await streamRange(storage, 'range/file.bin', { start: 2, end: 5 }))).toString()).toBe('2345');
    expect((await readAll(await streamRange(storage, 'range/file.bin', { start: 9, end: 9 }))).toString()).toBe('9');
  });

  it('uploads a stream larger than one part as a multipart upload and reads it back intact', async () => {
    const size = 11 * 1024 * 1024 + 123;
    const data = randomBytes(size);
    // Fed in 64 KiB chunks from a stream, so the upload cannot know the size in advance.
    const chunks = Array.from({ length: Math.ceil(size / 65536) }, (_, i) => data.subarray(i * 65536, (i + 1) * 65536));
    const parts: number[] = [];
    const spy = jest.spyOn(storage.client, 'send');
    await storage.put('big/film.mp4', Readable.from(chunks));
    for (const call of spy.mock.calls) {
      const name = (call[0] as object).constructor.name;
      if (name === 'UploadPartCommand') parts.push((call[0] as { input: { PartNumber: number } }).input.PartNumber);
    }
    spy.mockRestore();
    expect(parts.sort()).toEqual([1, 2, 3]);
    expect((await storage.stat('big/film.mp4'))!.size).toBe(size);
    expect((await storage.get('big/film.mp4')).equals(data)).toBe(true);
  });

  it('presigns GET URLs that plain fetch can download, with the asked name and type', async () => {
    const body = randomBytes(4096);
    await storage.put('signed/film.mp4', body);
    const url = await storage.signedUrl('signed/film.mp4', { expiresInSeconds: 60, fileName: 'my film.mp4', contentType: 'video/mp4' });
    expect(url).toContain('X-Amz-Signature=');
    expect(url).toContain('X-Amz-Expires=60');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-disposition')).toContain('filename="my film.mp4"');
    expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);
  });

  it('presigns URLs that stop working when they expire', async () => {
    // s3rver checks X-Amz-Date + X-Amz-Expires but does not verify SigV4 signatures, so a forged
    // signature cannot be tested here; expiry can.
    await storage.put('signed/short.txt', 'soon gone');
    const url = await storage.signedUrl('signed/short.txt', { expiresInSeconds: 1 });
    expect((await fetch(url)).status).toBe(200);
    await new Promise((done) => setTimeout(done, 2100));
    const late = await fetch(url);
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Request has expired');
  });

  it('refuses keys that could escape the bucket folder or differ between drivers', async () => {
    for (const key of ['../x', 'a/../../x', '/abs', 'a//b', 'a/./b', 'sp ace', '']) {
      await expect(storage.put(key, 'x')).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.stat(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
      await expect(storage.signedUrl(key, { expiresInSeconds: 60 })).rejects.toBeInstanceOf(InvalidStorageKeyError);
    }
    await expect(storage.list('../')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    // Nothing reached the bucket under a key outside the plain ones above.
    expect((await storage.list('')).some((key) => key.includes('..'))).toBe(false);
  });
});
