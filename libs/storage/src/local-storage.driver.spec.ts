import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalStorage } from './local-storage.driver';
import { InvalidStorageKeyError, StorageNotFoundError } from './storage-errors';

describe('LocalStorage', () => {
  let root: string;
  let storage: LocalStorage;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'afs-storage-'));
    storage = new LocalStorage(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('puts and gets buffers, strings and streams', async () => {
    await storage.put('jobs/a/one.bin', Buffer.from([1, 2, 3]));
    await storage.put('jobs/a/two.txt', 'hello');
    await storage.put('jobs/b/three.txt', Readable.from(['str', 'eam']));
    expect(await storage.get('jobs/a/one.bin')).toEqual(Buffer.from([1, 2, 3]));
    expect((await storage.get('jobs/a/two.txt')).toString()).toBe('hello');
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.stream('jobs/b/three.txt')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('stream');
  });

  it('lists keys under a prefix, sorted, and reports stat and existence', async () => {
    await storage.put('jobs/a/z.txt', 'z');
    await storage.put('jobs/a/deep/y.txt', 'yy');
    await storage.put('jobs/b/x.txt', 'x');
    expect(await storage.list('jobs/a')).toEqual(['jobs/a/deep/y.txt', 'jobs/a/z.txt']);
    expect(await storage.list('')).toHaveLength(3);
    expect(await storage.list('jobs/missing')).toEqual([]);
    const info = await storage.stat('jobs/a/deep/y.txt');
    expect(info).toMatchObject({ key: 'jobs/a/deep/y.txt', size: 2 });
    expect(Math.abs(Date.now() - info!.modifiedAt.getTime())).toBeLessThan(60_000);
    expect(await storage.stat('jobs/a/none')).toBeUndefined();
    expect(await storage.exists('jobs/b/x.txt')).toBe(true);
  });

  it('deletes, and deleting a missing key is fine', async () => {
    await storage.put('k/v', 'v');
    await storage.delete('k/v');
    await storage.delete('k/v');
    expect(await storage.exists('k/v')).toBe(false);
  });

  it('throws StorageNotFoundError for missing keys on get and stream', async () => {
    await expect(storage.get('nope/x')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.stream('nope/x')).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it('refuses keys that could escape the root or differ between drivers', async () => {
    for (const key of ['../x', 'a/../../x', '/abs', 'a//b', 'a/./b', 'sp ace', '']) {
      await expect(storage.put(key, 'x')).rejects.toBeInstanceOf(InvalidStorageKeyError);
    }
  });

  it('leaves no partial file behind when a stream fails', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('source broke'));
      },
    });
    await expect(storage.put('jobs/f/file.bin', failing)).rejects.toThrow('source broke');
    expect(await readdir(join(root, 'jobs', 'f'))).toEqual([]);
  });
});
