import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Storage } from './storage.port';

// Helpers over the port rather than port methods, so a new driver only implements the basics.

export async function uploadFile(storage: Storage, key: string, path: string): Promise<void> {
  await storage.put(key, createReadStream(path));
}

export async function downloadFile(storage: Storage, key: string, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await pipeline(await storage.stream(key), createWriteStream(path));
}
