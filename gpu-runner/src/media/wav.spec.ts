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
  it('finds the samples behind metadata of any size, as a remote voice may send it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afs-wav-'));
    try {
      const samples = Buffer.alloc(2 * 480);
      for (let i = 0; i < 480; i += 1) samples.writeInt16LE(i * 30, 2 * i);
      const chunk = (id: string, body: Buffer) => Buffer.concat([Buffer.from(id, 'ascii'), Buffer.from(Uint32Array.of(body.length).buffer), body]);
      const fmt = Buffer.alloc(16);
      fmt.writeUInt16LE(1, 0); // PCM
      fmt.writeUInt16LE(1, 2); // mono
      fmt.writeUInt32LE(24000, 4);
      fmt.writeUInt32LE(48000, 8);
      fmt.writeUInt16LE(2, 12);
      fmt.writeUInt16LE(16, 14);
      // 100 KB of tags (cover art, say) between the format and the samples, and an odd-sized chunk.
      const body = Buffer.concat([Buffer.from('WAVE', 'ascii'), chunk('fmt ', fmt), chunk('LIST', Buffer.alloc(100_000, 7)), chunk('junk', Buffer.alloc(3)), Buffer.alloc(1), chunk('data', samples)]);
      const file = Buffer.concat([Buffer.from('RIFF', 'ascii'), Buffer.from(Uint32Array.of(body.length).buffer), body]);
      const path = join(dir, 'tagged.wav');
      writeFileSync(path, file);
      expect(parseWav(file).samples.equals(samples)).toBe(true);
      const wav = await openWav(path);
      try {
        expect([wav.sampleRate, wav.dataBytes]).toEqual([24000, samples.length]);
        expect((await wav.read(100, 300)).equals(samples.subarray(100, 300))).toBe(true);
      } finally {
        await wav.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

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
