import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWav, parseWav, silence, writeWav } from './wav';

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

describe('openWav', () => {
  it('reads stretches of samples from the file, as parsing the whole file would give them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afs-wav-'));
    try {
      const path = join(dir, 'speech.wav');
      // ffmpeg's own WAV (with a LIST chunk before the samples), 3 s of a tone at 24 kHz.
      execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=f=440:d=3:sample_rate=24000', '-ac', '1', '-c:a', 'pcm_s16le', path]);
      const whole = parseWav(readFileSync(path));
      const wav = await openWav(path);
      try {
        expect([wav.sampleRate, wav.dataBytes]).toEqual([24000, whole.samples.length]);
        expect((await wav.read(4800, 96_000)).equals(whole.samples.subarray(4800, 96_000))).toBe(true);
        expect((await wav.read(0, 2)).equals(whole.samples.subarray(0, 2))).toBe(true);
        // Past the end: what there is, and nothing beyond.
        expect((await wav.read(whole.samples.length - 10, whole.samples.length + 500)).equals(whole.samples.subarray(-10))).toBe(true);
        expect(await wav.read(whole.samples.length + 100, whole.samples.length + 200)).toHaveLength(0);
      } finally {
        await wav.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
