import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AssetKind, JobOutputFile } from '@afs/contracts';
import { downloadFile, type Storage } from '@afs/storage';
import { probeMedia } from '../media/probe-media';
import type { RenderOutputs } from '../pipeline/render-outputs';

interface OutputFile {
  kind: AssetKind;
  key: string;
  contentType: string;
  /** How its dimensions and length are read: ffprobe for film and audio, the header for PNG stills. */
  measure: 'video' | 'audio' | 'png' | 'none';
  sceneIndex?: number;
}

const file = (kind: AssetKind, key: string | undefined, contentType: string, measure: OutputFile['measure']): OutputFile[] =>
  key ? [{ kind, key, contentType, measure }] : [];

/** Every stored file of a render, in the order the owner sees them listed: the film first. */
function outputFiles(outputs: RenderOutputs): OutputFile[] {
  return [
    ...file('film', outputs.film, 'video/mp4', 'video'),
    ...file('subtitles_srt', outputs.subtitlesSrt, 'application/x-subrip', 'none'),
    ...file('subtitles_vtt', outputs.subtitlesVtt, 'text/vtt', 'none'),
    ...file('thumbnail', outputs.thumbnail, 'image/jpeg', 'video'),
    ...file('scenes', outputs.scenes, 'application/json', 'none'),
    ...(outputs.images ?? []).map(({ sceneIndex, key }): OutputFile => ({ kind: 'image', key, contentType: 'image/png', measure: 'png', sceneIndex })),
    ...file('narration', outputs.narration, 'audio/wav', 'audio'),
    ...file('music', outputs.music, 'audio/wav', 'audio'),
  ];
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  // Streamed, so a large film is hashed in chunks without blocking the event loop for long.
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Width and height from a PNG's IHDR chunk: one small read instead of an ffprobe per still. */
async function pngSize(path: string): Promise<{ width: number; height: number } | undefined> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(24), 0, 24, 0);
    if (bytesRead < 24 || buffer.readUInt32BE(0) !== 0x89504e47 || buffer.toString('latin1', 12, 16) !== 'IHDR') return undefined;
    return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
  } finally {
    await file.close();
  }
}

async function measure(output: OutputFile, path: string, ffprobePath?: string): Promise<Partial<JobOutputFile>> {
  if (output.measure === 'png') return (await pngSize(path)) ?? {};
  if (output.measure === 'none') return {};
  const info = await probeMedia(path, ffprobePath);
  const found: Partial<JobOutputFile> = {};
  const video = info.streams.find((s) => s.codec_type === 'video');
  if (video?.width && video.height) Object.assign(found, { width: video.width, height: video.height });
  if (output.kind !== 'thumbnail' && info.duration > 0) found.durationSeconds = Math.round(info.duration * 1000) / 1000;
  return found;
}

/**
 * Every file a render produced, as the API records it. Measured on a copy fetched back from storage,
 * so size and checksum describe what was stored, on any driver.
 */
export async function describeOutputs(
  storage: Storage,
  outputs: RenderOutputs,
  options: { ffprobePath?: string; workDir?: string } = {},
): Promise<JobOutputFile[]> {
  const dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'afs-outputs-'));
  try {
    const described: JobOutputFile[] = [];
    for (const output of outputFiles(outputs)) {
      const path = join(dir, basename(output.key));
      await downloadFile(storage, output.key, path);
      described.push({
        kind: output.kind,
        storageKey: output.key,
        size: (await stat(path)).size,
        contentType: output.contentType,
        checksum: await sha256(path),
        ...(output.sceneIndex === undefined ? {} : { sceneIndex: output.sceneIndex }),
        ...(await measure(output, path, options.ffprobePath)),
      });
      await rm(path, { force: true });
    }
    return described;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
