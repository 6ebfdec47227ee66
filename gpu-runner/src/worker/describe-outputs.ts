import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AssetKind, JobOutputFile } from '@afs/contracts';
import { downloadFile, type Storage } from '@afs/storage';
import { probeMedia } from '../media/probe-media';
import type { RenderOutputs } from '../pipeline/render-film';

const FILES: {
  output: keyof RenderOutputs;
  kind: AssetKind;
  contentType: string;
  media: boolean;
}[] = [
  { output: 'film', kind: 'film', contentType: 'video/mp4', media: true },
  {
    output: 'subtitlesSrt',
    kind: 'subtitles_srt',
    contentType: 'application/x-subrip',
    media: false,
  },
  { output: 'subtitlesVtt', kind: 'subtitles_vtt', contentType: 'text/vtt', media: false },
  { output: 'thumbnail', kind: 'thumbnail', contentType: 'image/jpeg', media: true },
  { output: 'scenes', kind: 'scenes', contentType: 'application/json', media: false },
];

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  // Streamed, so a large film is hashed in chunks without blocking the event loop for long.
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
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
    const files: JobOutputFile[] = [];
    for (const spec of FILES) {
      const key = outputs[spec.output];
      if (!key) continue;
      const path = join(dir, basename(key));
      await downloadFile(storage, key, path);
      const file: JobOutputFile = {
        kind: spec.kind,
        storageKey: key,
        size: (await stat(path)).size,
        contentType: spec.contentType,
        checksum: await sha256(path),
      };
      if (spec.media) {
        const info = await probeMedia(path, options.ffprobePath);
        const video = info.streams.find((s) => s.codec_type === 'video');
        if (video?.width && video.height)
          Object.assign(file, { width: video.width, height: video.height });
        if (spec.kind === 'film' && info.duration > 0)
          file.durationSeconds = Math.round(info.duration * 1000) / 1000;
      }
      files.push(file);
    }
    return files;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
