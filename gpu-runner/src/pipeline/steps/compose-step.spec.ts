import { execFileSync } from 'node:child_process';
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

  /** Rows of the frame at `seconds` that differ from the same frame of `other`: where text was drawn. */
  function differingRows(film: string, other: string, seconds: number, width: number): number[] {
    const gray = (path: string) => execFileSync('ffmpeg', ['-v', 'error', '-ss', String(seconds), '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
    const [a, b] = [gray(film), gray(other)];
    const rows: number[] = [];
    for (let row = 0; row < a.length / width; row += 1) {
      let changed = 0;
      for (let x = 0; x < width; x += 1) if (Math.abs(a[row * width + x] - b[row * width + x]) > 40) changed += 1;
      if (changed > 3) rows.push(row);
    }
    return rows;
  }

  // A script about a computer, or pasted from HTML, holds backslashes, braces and tags.
  const MARKUP = 'Press \\N in C:\\new, <i>wait</i> {\\i1}here.';

  it('burns the script’s backslashes, braces and tags as text, not as line breaks and styling', async () => {
    const burned = await renderToFile('burned-markup', MARKUP, { subtitles: 'burned' });
    const plain = await renderToFile('plain-markup', MARKUP, { subtitles: 'none' });
    const rows = differingRows(burned, plain, 0.5, 854);
    // One cue line: \N read as markup broke it into two.
    const lines = rows.filter((row, i) => i === 0 || row - rows[i - 1] > 2).length;
    expect(rows.length).toBeGreaterThan(5);
    expect(lines).toBe(1);
  });

  it('stores the script’s backslashes, braces and tags in the soft subtitle track as written', async () => {
    const film = await renderToFile('soft-markup', MARKUP, { subtitles: 'soft' });
    const track = execFileSync('ffmpeg', ['-v', 'error', '-i', film, '-map', '0:s', '-c:s', 'copy', '-f', 'data', '-'], { encoding: 'utf8' });
    // Word joiners are invisible; they keep each character from opening markup.
    expect(track.replace(/\u2060/g, '')).toContain(MARKUP);
  });
});
