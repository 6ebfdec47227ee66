import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadFile, LocalStorage } from '@afs/storage';
import { loadRunnerConfig } from '../../config/runner-config';
import { ffprobe } from '../../testing/media-probe';
import { renderFilm } from '../render-film';

// Real ffmpeg and espeak-ng through the whole pipeline; short scripts at 480p and 24 fps.
jest.setTimeout(60_000);

describe('composeStep', () => {
  let root: string;
  let storage: LocalStorage;
  const config = loadRunnerConfig({ RENDER_CONCURRENCY: '2' });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'afs-compose-spec-'));
    storage = new LocalStorage(join(root, 'storage'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  async function renderToFile(jobId: string, script: string, options: Record<string, unknown>): Promise<string> {
    const result = await renderFilm({ jobId, script, title: 'Compose', options: { resolution: '480p', fps: 24, music: false, ...options }, storage, config });
    const path = join(root, `${jobId}.mp4`);
    await downloadFile(storage, result.outputs.film!, path);
    return path;
  }

  it('tags the soft subtitle track and the narration with the script language in the three letters MP4 stores', async () => {
    const film = await renderToFile('soft-language', '夜の海は静かだった。月が波を照らしていた。', { subtitles: 'soft', language: 'ja' });
    const streams = ffprobe(film).streams as { codec_type: string; tags?: { language?: string } }[];
    expect(streams.find((s) => s.codec_type === 'subtitle')?.tags?.language).toBe('jpn');
    expect(streams.find((s) => s.codec_type === 'audio')?.tags?.language).toBe('jpn');
  });
});
