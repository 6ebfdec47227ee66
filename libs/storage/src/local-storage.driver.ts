import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StorageNotFoundError } from './storage-errors';
import { assertStorageKey, assertStoragePrefix } from './storage-key';
import type { Storage, StorageBody, StoredObjectInfo } from './storage.port';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Objects as files under one root folder. Writes go to a temporary file first, so readers never see half an object. */
export class LocalStorage implements Storage {
  constructor(readonly rootDir: string) {}

  private path(key: string): string {
    return join(this.rootDir, ...assertStorageKey(key).split('/'));
  }

  async put(key: string, body: StorageBody): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.partial`;
    try {
      if (body instanceof Readable) await pipeline(body, createWriteStream(temporary));
      else await writeFile(temporary, body);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.path(key));
    } catch (error) {
      if (isMissing(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async stream(key: string): Promise<Readable> {
    const path = this.path(key);
    if (!(await this.stat(key))) throw new StorageNotFoundError(key);
    return createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async list(prefix: string): Promise<string[]> {
    const clean = assertStoragePrefix(prefix);
    const start = clean === '' ? this.rootDir : join(this.rootDir, ...clean.split('/'));
    const keys: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
        throw error;
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && !entry.name.endsWith('.partial')) keys.push(relative(this.rootDir, full).split(sep).join('/'));
      }
    };
    await walk(start);
    return keys.sort();
  }

  async stat(key: string): Promise<StoredObjectInfo | undefined> {
    try {
      const info = await stat(this.path(key));
      if (!info.isFile()) return undefined;
      return { key, size: info.size, modifiedAt: info.mtime };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }
}
