import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFfmpeg } from './run-ffmpeg';

describe('runFfmpeg', () => {
  it('runs a filter graph longer than one process argument may be (128 KiB)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afs-ffmpeg-'));
    try {
      // A long link label, used twice; the graph's one unlabelled output is mapped by ffmpeg itself.
      const label = `tone${'x'.repeat(70_000)}`;
      const graph = `sine=frequency=440:sample_rate=8000:duration=0.5[${label}];[${label}]anull`;
      expect(graph.length).toBeGreaterThan(128 * 1024);
      await runFfmpeg({ inputs: [], complexFilter: graph, outputOptions: ['-y'], output: 'tone.wav', cwd: dir });
      const duration = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', join(dir, 'tone.wav')], { encoding: 'utf8' });
      expect(Number(duration)).toBeCloseTo(0.5, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
