import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Resvg } from '@resvg/resvg-js';
import type { ImageRequest } from './image-provider';
import { fontFilesFor } from './fonts';
import { LocalStoryboardRenderer } from './local-storyboard-renderer';
import { ResvgPool } from './resvg-pool';
import { buildStoryboardSvg } from './storyboard-svg';
import { RENDER_STYLES } from '@afs/contracts';

const base: ImageRequest = {
  index: 0,
  heading: 'EXT. HARBOUR - NIGHT',
  visual: 'A small boat in the harbour under the moon.',
  narration: 'A small boat rocks in the harbour under the moon.',
  mood: 'mysterious',
  keywords: ['boat', 'harbour', 'moon'],
  style: 'cinematic',
  language: 'en',
  width: 854,
  height: 480,
};

/** Decodes a PNG to raw RGBA with resvg itself, by wrapping it in an SVG image element. */
function pixels(png: Buffer, width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="data:image/png;base64,${png.toString('base64')}" width="${width}" height="${height}"/></svg>`;
  return Buffer.from(new Resvg(svg).render().pixels);
}

function differingPixels(a: Buffer, b: Buffer, rows?: [number, number], width = 854): number {
  let count = 0;
  const [from, to] = rows ?? [0, a.length / 4 / width];
  for (let y = from; y < to; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 30) count += 1;
    }
  }
  return count;
}

describe('LocalStoryboardRenderer', () => {
  const renderer = new LocalStoryboardRenderer(2);
  afterAll(() => renderer.close());

  it('renders a PNG at exactly the frame size', async () => {
    const png = await renderer.render(base);
    expect(png.readUInt32BE(0)).toBe(0x89504e47);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([854, 480]);
  });

  /** The same storyboard with and without its text elements, as decoded pixels. */
  async function withAndWithoutText(request: ImageRequest): Promise<[Buffer, Buffer]> {
    const svg = buildStoryboardSvg(request);
    const fonts = fontFilesFor(request.heading);
    const pool = new ResvgPool(1);
    try {
      const [withText, withoutText] = await Promise.all([pool.render(svg, fonts), pool.render(svg.replace(/<text[\s\S]*?<\/text>/g, ''), fonts)]);
      return [pixels(withText, request.width, request.height), pixels(withoutText, request.width, request.height)];
    } finally {
      await pool.close();
    }
  }

  it('draws the caption text in the caption band and nowhere else (fonts are found)', async () => {
    const [withText, withoutText] = await withAndWithoutText(base);
    expect(differingPixels(withText, withoutText, [30, 90])).toBeGreaterThan(300);
    expect(differingPixels(withText, withoutText, [90, 480])).toBe(0);
  });

  it('makes different scenes look different', async () => {
    const a = pixels(await renderer.render(base), 854, 480);
    const b = pixels(await renderer.render({ ...base, index: 1, heading: 'INT. KITCHEN - DAY', keywords: ['kitchen', 'table'], mood: 'joyful', narration: 'Tea in the kitchen.' }), 854, 480);
    expect(differingPixels(a, b)).toBeGreaterThan(854 * 480 * 0.3);
  });

  it('renders every style with every kind of setting', async () => {
    const settings = [
      { heading: 'EXT. HARBOUR - NIGHT', keywords: ['boat', 'moon'] },
      { heading: 'INT. KITCHEN - DAY', keywords: ['kitchen', 'lamp', 'candle'] },
      { heading: 'EXT. CITY STREET - DUSK', keywords: ['city', 'rain', 'people'] },
      { heading: 'EXT. FOREST - DAWN', keywords: ['forest', 'fog', 'sun'] },
      { heading: 'EXT. DESERT', keywords: ['desert', 'fire', 'stars'] },
      { heading: 'EXT. MOUNTAIN PASS', keywords: ['mountain', 'snow'] },
    ];
    const requests = RENDER_STYLES.flatMap((style) => settings.map((setting, index) => ({ ...base, ...setting, index, style, narration: setting.keywords.join(' ') })));
    const images = await Promise.all(requests.map((request) => renderer.render(request)));
    expect(new Set(images.map((png) => png.toString('base64'))).size).toBe(requests.length);
  });

  it.each([
    ['Japanese', '夜の港 🌙'],
    ['Arabic', 'الميناء في الليل 🚢'],
  ])('draws %s captions and survives emoji no installed font has', async (_name, heading) => {
    const [withText, withoutText] = await withAndWithoutText({ ...base, heading });
    expect(differingPixels(withText, withoutText, [30, 90])).toBeGreaterThan(200);
  });

  it('keeps the event loop free while rendering 1080p stills', async () => {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    await Promise.all(Array.from({ length: 6 }, (_, index) => renderer.render({ ...base, index, width: 1920, height: 1080, heading: `Scene ${index}` })));
    histogram.disable();
    // Building the SVG strings is the only main-thread work; rasterising happens in child processes.
    expect(histogram.max / 1e6).toBeLessThan(150);
  });
});
