import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWav, silence, writeWav } from './wav';

describe('writeWav', () => {
  it('writes pieces, in memory or in files, as one WAV that reads back whole, here and in ffmpeg', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afs-wav-'));
    try {
      const tone = Buffer.alloc(2 * 2400);
      for (let i = 0; i < 2400; i += 1) tone.writeInt16LE(Math.round(8000 * Math.sin(i / 5)), 2 * i);
      writeFileSync(join(dir, 'tone.pcm'), tone);
      const path = join(dir, 'narration.wav');
      await writeWav(path, 24000, [tone, silence(24000, 0.25), { file: join(dir, 'tone.pcm'), bytes: tone.length }]);
      const pcm = parseWav(readFileSync(path));
      expect(pcm.sampleRate).toBe(24000);
      expect(pcm.samples.equals(Buffer.concat([tone, silence(24000, 0.25), tone]))).toBe(true);
      const probed = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=sample_rate,channels,duration', '-of', 'json', path], { encoding: 'utf8' }));
      expect(probed.streams[0]).toMatchObject({ sample_rate: '24000', channels: 1, duration: '0.450000' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
