import { execFileSync } from 'node:child_process';
import { RenderAbortedError } from '../../abort';
import { ResvgPool } from './resvg-pool';

const svg = (size: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="teal"/></svg>`;

/** resvg children of this process still alive. */
function children(): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'resvg'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe('ResvgPool', () => {
  it('renders in child processes and leaves none behind when closed', async () => {
    const pool = new ResvgPool(2);
    const pngs = await Promise.all([64, 65, 66].map((size) => pool.render(svg(size), [])));
    expect(pngs.map((png) => png.readUInt32BE(16))).toEqual([64, 65, 66]);
    expect(children().length).toBeGreaterThan(0);
    await pool.close();
    expect(children()).toEqual([]);
  });

  it('rejects renders queued and in flight when closed, instead of leaving them hanging', async () => {
    const pool = new ResvgPool(1);
    const outcomes = [pool.render(svg(3000), []), pool.render(svg(64), [])].map((render) => render.then(() => 'rendered', (error: Error) => error.message));
    await pool.close();
    expect(await Promise.all(outcomes)).toEqual(['the resvg pool was closed', 'the resvg pool was closed']);
    expect(children()).toEqual([]);
  });

  it('drops a render whose signal aborts, and goes on with the others', async () => {
    const pool = new ResvgPool(1);
    try {
      const controller = new AbortController();
      const first = pool.render(svg(2000), []);
      const aborted = pool.render(svg(64), [], controller.signal);
      controller.abort();
      await expect(aborted).rejects.toBeInstanceOf(RenderAbortedError);
      expect((await first).readUInt32BE(16)).toBe(2000);
      expect((await pool.render(svg(80), [])).readUInt32BE(16)).toBe(80);
    } finally {
      await pool.close();
    }
  });
});
