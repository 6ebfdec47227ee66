import type { RenderStyle } from '@afs/contracts';
import { wrapLines } from '../../text/wrap-lines';
import { FONT_FAMILY } from './fonts';
import type { ImageRequest } from './image-provider';
import { LANDSCAPES, motifsIn, type Motif } from './motifs';
import { paletteFor, type Palette } from './palettes';
import { seededRandom } from './seeded-random';

interface Canvas {
  w: number;
  h: number;
  /** One percent of the shorter side: sizes scale with the frame, whatever its aspect. */
  u: number;
  horizon: number;
  rand: () => number;
  p: Palette;
  style: RenderStyle;
}

const n = (value: number) => value.toFixed(1);

// XML 1.0 allows no C0 control but tab, newline and return, nor U+FFFE/U+FFFF, not even as
// references: one in a caption made resvg refuse the whole SVG and failed the step.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function ridge(c: Canvas, base: number, amplitude: number, peaks: number, fill: string, extra = ''): string {
  const points: string[] = [`M0,${n(c.h)}`, `L0,${n(base)}`];
  const step = c.w / peaks;
  for (let i = 0; i < peaks; i += 1) {
    const peakX = i * step + step * (0.3 + c.rand() * 0.4);
    const peakY = base - amplitude * (0.4 + c.rand() * 0.6);
    points.push(`L${n(peakX)},${n(peakY)}`, `L${n((i + 1) * step)},${n(base - amplitude * c.rand() * 0.25)}`);
  }
  points.push(`L${n(c.w)},${n(c.h)}Z`);
  return `<path d="${points.join(' ')}" fill="${fill}"${extra}/>`;
}

function hills(c: Canvas, base: number, amplitude: number, fill: string, extra = ''): string {
  const waves = 2 + Math.floor(c.rand() * 3);
  let d = `M0,${n(c.h)} L0,${n(base)}`;
  const step = c.w / waves;
  for (let i = 0; i < waves; i += 1) {
    d += ` Q${n(i * step + step / 2)},${n(base - amplitude * (0.5 + c.rand()))} ${n((i + 1) * step)},${n(base - amplitude * c.rand() * 0.3)}`;
  }
  return `<path d="${d} L${n(c.w)},${n(c.h)}Z" fill="${fill}"${extra}/>`;
}

function celestial(c: Canvas, motifs: Set<Motif>, night: boolean): string {
  const parts: string[] = [];
  if (motifs.has('stars') || motifs.has('moon') || night) {
    for (let i = 0; i < 60; i += 1) {
      parts.push(`<circle cx="${n(c.rand() * c.w)}" cy="${n(c.rand() * c.horizon * 0.8)}" r="${n(c.u * (0.1 + c.rand() * 0.25))}" fill="${c.p.light}" opacity="${n(0.4 + c.rand() * 0.6)}"/>`);
    }
  }
  const x = c.w * (0.15 + c.rand() * 0.7);
  const y = c.horizon * (0.25 + c.rand() * 0.35);
  const r = c.u * (6 + c.rand() * 6);
  if (motifs.has('moon') || (night && !motifs.has('sun'))) {
    parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(r * 1.8)}" fill="${c.p.light}" opacity="0.12"/>`);
    parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${c.p.light}"/>`);
    parts.push(`<circle cx="${n(x + r * 0.4)}" cy="${n(y - r * 0.2)}" r="${n(r * 0.85)}" fill="url(#sky)" opacity="0.9"/>`);
  } else {
    parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(r * 2.4)}" fill="${c.p.accent}" opacity="0.18"/>`);
    parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(r * 1.5)}" fill="${c.p.accent}" opacity="0.25"/>`);
    parts.push(`<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${c.p.accent}"/>`);
  }
  return parts.join('');
}

function landscape(c: Canvas, kind: (typeof LANDSCAPES)[number], outline: string): string {
  const parts: string[] = [];
  switch (kind) {
    case 'mountains':
      parts.push(ridge(c, c.horizon, c.h * 0.35, 3 + Math.floor(c.rand() * 3), c.p.far, ' opacity="0.85"'));
      parts.push(ridge(c, c.horizon + c.h * 0.08, c.h * 0.25, 4 + Math.floor(c.rand() * 3), c.p.mid, outline));
      parts.push(hills(c, c.horizon + c.h * 0.22, c.h * 0.08, c.p.near, outline));
      break;
    case 'sea': {
      parts.push(`<rect x="0" y="${n(c.horizon)}" width="${n(c.w)}" height="${n(c.h - c.horizon)}" fill="${c.p.mid}"/>`);
      for (let i = 0; i < 9; i += 1) {
        const y = c.horizon + (c.h - c.horizon) * (i / 9) ** 1.4 + c.u;
        const len = c.u * (8 + i * 3);
        let d = `M${n(-c.rand() * len)},${n(y)}`;
        for (let x = 0; x < c.w + len; x += len) d += ` q${n(len / 4)},${n(-c.u * (0.4 + i * 0.15))} ${n(len / 2)},0 t${n(len / 2)},0`;
        parts.push(`<path d="${d}" fill="none" stroke="${c.p.light}" stroke-width="${n(c.u * (0.15 + i * 0.05))}" opacity="${n(0.25 + i * 0.05)}"/>`);
      }
      parts.push(`<rect x="0" y="${n(c.horizon - c.u * 0.2)}" width="${n(c.w)}" height="${n(c.u * 0.4)}" fill="${c.p.accent}" opacity="0.35"/>`);
      if (c.rand() > 0.4) {
        const bx = c.w * (0.2 + c.rand() * 0.6);
        const by = c.horizon + (c.h - c.horizon) * 0.3;
        const s = c.u * 4;
        parts.push(`<path d="M${n(bx - s * 2)},${n(by)} L${n(bx + s * 2)},${n(by)} L${n(bx + s * 1.4)},${n(by + s * 0.8)} L${n(bx - s * 1.4)},${n(by + s * 0.8)}Z M${n(bx)},${n(by)} L${n(bx)},${n(by - s * 3)} L${n(bx + s * 1.5)},${n(by - s * 0.3)}Z" fill="${c.p.ink}"/>`);
      }
      break;
    }
    case 'city': {
      parts.push(ridge(c, c.horizon, c.h * 0.1, 3, c.p.far, ' opacity="0.6"'));
      for (let layer = 0; layer < 2; layer += 1) {
        let x = -c.rand() * c.u * 5;
        const fill = layer === 0 ? c.p.mid : c.p.near;
        while (x < c.w) {
          const bw = c.u * (6 + c.rand() * 10);
          const bh = c.h * (0.12 + c.rand() * (layer === 0 ? 0.38 : 0.28));
          const top = c.horizon + c.h * 0.12 * layer - bh + c.h * 0.1;
          parts.push(`<rect x="${n(x)}" y="${n(top)}" width="${n(bw)}" height="${n(c.h - top)}" fill="${fill}"${outline}/>`);
          for (let wy = top + c.u * 2; wy < c.h - c.u * 3; wy += c.u * 3) {
            for (let wx = x + c.u * 1.2; wx < x + bw - c.u * 1.5; wx += c.u * 2.6) {
              if (c.rand() > 0.62) parts.push(`<rect x="${n(wx)}" y="${n(wy)}" width="${n(c.u * 1.1)}" height="${n(c.u * 1.4)}" fill="${c.p.accent}" opacity="${n(0.5 + c.rand() * 0.5)}"/>`);
            }
          }
          x += bw + c.u * c.rand() * 2;
        }
      }
      break;
    }
    case 'forest': {
      parts.push(hills(c, c.horizon + c.h * 0.05, c.h * 0.12, c.p.far, ' opacity="0.8"'));
      parts.push(hills(c, c.horizon + c.h * 0.18, c.h * 0.08, c.p.mid, outline));
      const trees = 14 + Math.floor(c.rand() * 10);
      for (let i = 0; i < trees; i += 1) {
        const x = c.rand() * c.w;
        const depth = c.rand();
        const base = c.horizon + c.h * (0.12 + depth * 0.35);
        const th = c.h * (0.1 + depth * 0.22);
        const tw = th * 0.35;
        const fill = depth > 0.5 ? c.p.near : c.p.mid;
        parts.push(`<rect x="${n(x - tw * 0.06)}" y="${n(base - th * 0.25)}" width="${n(tw * 0.12)}" height="${n(th * 0.25)}" fill="${c.p.ink}"/>`);
        parts.push(`<path d="M${n(x)},${n(base - th)} L${n(x + tw / 2)},${n(base - th * 0.2)} L${n(x - tw / 2)},${n(base - th * 0.2)}Z" fill="${fill}"${outline}/>`);
      }
      break;
    }
    case 'desert':
      parts.push(hills(c, c.horizon + c.h * 0.04, c.h * 0.1, c.p.far, ' opacity="0.9"'));
      parts.push(hills(c, c.horizon + c.h * 0.2, c.h * 0.12, c.p.mid, outline));
      parts.push(hills(c, c.horizon + c.h * 0.38, c.h * 0.1, c.p.near, outline));
      break;
  }
  return parts.join('');
}

function interior(c: Canvas, motifs: Set<Motif>, outline: string): string {
  const floor = c.h * 0.72;
  const wx = c.w * (0.12 + c.rand() * 0.4);
  const ww = c.w * 0.3;
  const wy = c.h * 0.14;
  const wh = c.h * 0.38;
  const parts = [
    `<rect width="${n(c.w)}" height="${n(floor)}" fill="${c.p.mid}"/>`,
    `<rect x="${n(wx)}" y="${n(wy)}" width="${n(ww)}" height="${n(wh)}" fill="url(#sky)"${outline}/>`,
    `<circle cx="${n(wx + ww * 0.7)}" cy="${n(wy + wh * 0.3)}" r="${n(c.u * 4)}" fill="${motifs.has('moon') || motifs.has('stars') ? c.p.light : c.p.accent}"/>`,
    `<path d="M${n(wx + ww / 2)},${n(wy)} V${n(wy + wh)} M${n(wx)},${n(wy + wh / 2)} H${n(wx + ww)}" stroke="${c.p.ink}" stroke-width="${n(c.u * 0.8)}"/>`,
    `<rect x="${n(wx)}" y="${n(wy)}" width="${n(ww)}" height="${n(wh)}" fill="none" stroke="${c.p.ink}" stroke-width="${n(c.u * 1.2)}"/>`,
    `<rect y="${n(floor)}" width="${n(c.w)}" height="${n(c.h - floor)}" fill="${c.p.near}"/>`,
  ];
  const tx = c.w * (0.5 + c.rand() * 0.3);
  parts.push(`<rect x="${n(tx)}" y="${n(floor - c.h * 0.12)}" width="${n(c.w * 0.22)}" height="${n(c.u * 1.5)}" fill="${c.p.ink}"/>`);
  parts.push(`<rect x="${n(tx + c.u * 2)}" y="${n(floor - c.h * 0.12)}" width="${n(c.u * 1.2)}" height="${n(c.h * 0.12)}" fill="${c.p.ink}"/>`);
  parts.push(`<rect x="${n(tx + c.w * 0.22 - c.u * 3.2)}" y="${n(floor - c.h * 0.12)}" width="${n(c.u * 1.2)}" height="${n(c.h * 0.12)}" fill="${c.p.ink}"/>`);
  const lx = c.w * (0.08 + c.rand() * 0.8);
  parts.push(`<ellipse cx="${n(lx)}" cy="${n(c.h * 0.2)}" rx="${n(c.w * 0.12)}" ry="${n(c.h * 0.25)}" fill="${c.p.accent}" opacity="0.15"/>`);
  parts.push(`<path d="M${n(lx)},0 V${n(c.h * 0.1)} M${n(lx - c.u * 3)},${n(c.h * 0.14)} L${n(lx)},${n(c.h * 0.1)} L${n(lx + c.u * 3)},${n(c.h * 0.14)}Z" stroke="${c.p.ink}" stroke-width="${n(c.u * 0.4)}" fill="${c.p.accent}"/>`);
  return parts.join('');
}

function weather(c: Canvas, motifs: Set<Motif>): string {
  const parts: string[] = [];
  if (motifs.has('rain')) {
    for (let i = 0; i < 140; i += 1) {
      const x = c.rand() * c.w;
      const y = c.rand() * c.h;
      parts.push(`<path d="M${n(x)},${n(y)} l${n(-c.u * 0.8)},${n(c.u * 3)}" stroke="${c.p.light}" stroke-width="${n(c.u * 0.12)}" opacity="0.5"/>`);
    }
  }
  if (motifs.has('snow')) {
    for (let i = 0; i < 120; i += 1) parts.push(`<circle cx="${n(c.rand() * c.w)}" cy="${n(c.rand() * c.h)}" r="${n(c.u * (0.2 + c.rand() * 0.4))}" fill="#ffffff" opacity="0.85"/>`);
  }
  if (motifs.has('fog')) {
    for (let i = 0; i < 4; i += 1) parts.push(`<rect x="0" y="${n(c.horizon - c.h * 0.1 + i * c.h * 0.08)}" width="${n(c.w)}" height="${n(c.h * 0.06)}" fill="${c.p.light}" opacity="0.18"/>`);
  }
  return parts.join('');
}

function fire(c: Canvas): string {
  const x = c.w * (0.3 + c.rand() * 0.4);
  const y = c.h * 0.78;
  const s = c.u * 5;
  return [
    `<ellipse cx="${n(x)}" cy="${n(y - s)}" rx="${n(s * 5)}" ry="${n(s * 3.5)}" fill="${c.p.accent}" opacity="0.22"/>`,
    `<path d="M${n(x)},${n(y - s * 3)} Q${n(x + s * 1.4)},${n(y - s)} ${n(x + s * 0.8)},${n(y)} L${n(x - s * 0.8)},${n(y)} Q${n(x - s * 1.4)},${n(y - s)} ${n(x)},${n(y - s * 3)}Z" fill="${c.p.accent}"/>`,
    `<path d="M${n(x)},${n(y - s * 1.6)} Q${n(x + s * 0.6)},${n(y - s * 0.5)} ${n(x + s * 0.3)},${n(y)} L${n(x - s * 0.3)},${n(y)} Q${n(x - s * 0.6)},${n(y - s * 0.5)} ${n(x)},${n(y - s * 1.6)}Z" fill="${c.p.light}"/>`,
  ].join('');
}

function figures(c: Canvas, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const x = c.w * (0.2 + (0.6 * (i + 0.5)) / count) + (c.rand() - 0.5) * c.u * 6;
    const ground = c.h * (0.86 + c.rand() * 0.06);
    const s = c.h * (0.11 + c.rand() * 0.04);
    parts.push(
      `<g fill="${c.p.ink}"><circle cx="${n(x)}" cy="${n(ground - s * 1.55)}" r="${n(s * 0.17)}"/>` +
        `<path d="M${n(x - s * 0.28)},${n(ground)} L${n(x - s * 0.22)},${n(ground - s * 1.05)} Q${n(x)},${n(ground - s * 1.45)} ${n(x + s * 0.22)},${n(ground - s * 1.05)} L${n(x + s * 0.28)},${n(ground)}Z"/></g>`,
    );
  }
  return parts.join('');
}

function styleOverlay(c: Canvas): string {
  switch (c.style) {
    case 'noir': {
      const stripes: string[] = [];
      for (let i = -10; i < 30; i += 1) stripes.push(`<path d="M${n(i * c.u * 8)},0 l${n(c.h * 0.6)},${n(c.h)}" stroke="#000" stroke-width="${n(c.u * 2.2)}" opacity="0.22"/>`);
      return stripes.join('');
    }
    case 'watercolor':
      return `<rect width="${n(c.w)}" height="${n(c.h)}" filter="url(#paper)" opacity="0.35"/>`;
    case 'cinematic':
      return `<rect width="${n(c.w)}" height="${n(c.h * 0.06)}" fill="#000"/><rect y="${n(c.h * 0.94)}" width="${n(c.w)}" height="${n(c.h * 0.06)}" fill="#000"/>`;
    default:
      return '';
  }
}

function caption(c: Canvas, request: ImageRequest): string {
  const fontSize = c.u * 4.2;
  const maxColumns = Math.max(16, Math.floor((c.w * 0.84) / (fontSize * 0.58)));
  const text = request.heading.trim() || request.visual.trim();
  const lines = wrapLines(text, maxColumns, request.language).slice(0, 2);
  if (lines.length === 0) return '';
  const lineHeight = fontSize * 1.3;
  const bandHeight = lineHeight * lines.length + fontSize * 0.9;
  // Near the top (burned subtitles own the bottom), but below the 5.4% a 1.12 Ken Burns zoom crops.
  const top = c.h * 0.07;
  const rtl = /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(text);
  const number = String(request.index + 1).padStart(2, '0');
  const tspans = lines
    .map((line, i) => `<tspan x="${n(c.w / 2)}" y="${n(top + fontSize * 0.45 + lineHeight * (i + 0.75))}">${escapeXml(line)}</tspan>`)
    .join('');
  return (
    `<rect y="${n(top)}" width="${n(c.w)}" height="${n(bandHeight)}" fill="#000" opacity="0.4"/>` +
    `<text x="${n(c.u * 3)}" y="${n(top + fontSize * 1.05)}" font-family="${FONT_FAMILY}" font-size="${n(fontSize * 0.6)}" font-weight="bold" fill="${c.p.accent}">${number}</text>` +
    `<text font-family="${FONT_FAMILY}" font-size="${n(fontSize)}" fill="#ffffff" text-anchor="middle"${rtl ? ' direction="rtl"' : ''}>${tspans}</text>`
  );
}

/** A storyboard still as SVG: palette from style and mood, motifs from the scene's words, a caption band. */
export function buildStoryboardSvg(request: ImageRequest): string {
  const { width: w, height: h } = request;
  const rand = seededRandom(`${request.index}|${request.heading}|${request.narration}|${request.style}`);
  const variation = rand();
  const c: Canvas = { w, h, u: Math.min(w, h) / 100, horizon: h * (0.45 + rand() * 0.15), rand, p: paletteFor(request.style, request.mood, variation), style: request.style };
  const motifs = motifsIn(`${request.heading} ${request.keywords.join(' ')} ${request.visual} ${request.narration}`);
  const indoor = /^(INT|I\/E)\b/i.test(request.heading) || (motifs.has('interior') && !/^EXT\b/i.test(request.heading));
  const found = LANDSCAPES.filter((l) => motifs.has(l));
  const kind = found.length > 0 ? found[Math.floor(rand() * found.length)] : LANDSCAPES[Math.floor(rand() * LANDSCAPES.length)];
  const outline = request.style === 'anime' ? ` stroke="${c.p.ink}" stroke-width="${n(c.u * 0.35)}"` : '';
  const peopleCount = motifs.has('people') ? 1 + Math.floor(rand() * 3) : rand() > 0.7 ? 1 : 0;
  const body =
    request.style === 'minimal'
      ? `<circle cx="${n(w * (0.2 + rand() * 0.6))}" cy="${n(c.horizon * 0.6)}" r="${n(c.u * 12)}" fill="${c.p.accent}"/>` + hills(c, c.horizon + h * 0.15, h * 0.08, c.p.near)
      : indoor
        ? interior(c, motifs, outline)
        : celestial(c, motifs, request.mood === 'mysterious' || motifs.has('moon')) + landscape(c, kind, outline);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    '<defs>',
    `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${c.p.skyTop}"/><stop offset="1" stop-color="${c.p.skyBottom}"/></linearGradient>`,
    '<radialGradient id="vignette" cx="0.5" cy="0.5" r="0.75"><stop offset="0.6" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.55"/></radialGradient>',
    request.style === 'watercolor'
      ? '<filter id="paper" x="0" y="0" width="1" height="1"><feTurbulence type="fractalNoise" baseFrequency="0.02" numOctaves="3" seed="7"/><feColorMatrix type="saturate" values="0"/></filter>'
      : '',
    '</defs>',
    `<rect width="${w}" height="${h}" fill="url(#sky)"/>`,
    body,
    request.style === 'minimal' ? '' : weather(c, motifs),
    motifs.has('fire') && request.style !== 'minimal' ? fire(c) : '',
    request.style === 'minimal' ? '' : figures(c, peopleCount),
    styleOverlay(c),
    request.style === 'minimal' ? '' : `<rect width="${w}" height="${h}" fill="url(#vignette)"/>`,
    caption(c, request),
    '</svg>',
  ].join('');
}
