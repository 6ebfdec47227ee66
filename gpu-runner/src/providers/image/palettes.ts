import type { Mood, RenderStyle } from '@afs/contracts';

export interface Palette {
  skyTop: string;
  skyBottom: string;
  far: string;
  mid: string;
  near: string;
  accent: string;
  light: string;
  ink: string;
}

type Hsl = [number, number, number];

// Mood sets the colours (hue, saturation, lightness), style grades them afterwards, as a colourist would.
const MOOD_BASE: Record<Mood, { sky: [Hsl, Hsl]; land: Hsl; accent: Hsl }> = {
  calm: { sky: [[200, 55, 62], [35, 70, 82]], land: [170, 30, 38], accent: [45, 90, 70] },
  joyful: { sky: [[195, 80, 60], [48, 95, 75]], land: [110, 45, 42], accent: [40, 100, 60] },
  tense: { sky: [[355, 55, 22], [20, 80, 45]], land: [350, 30, 14], accent: [10, 95, 55] },
  sad: { sky: [[215, 20, 40], [210, 15, 70]], land: [215, 15, 28], accent: [200, 30, 75] },
  mysterious: { sky: [[255, 50, 14], [280, 40, 35]], land: [250, 35, 12], accent: [190, 80, 70] },
  epic: { sky: [[220, 65, 25], [35, 90, 60]], land: [225, 40, 18], accent: [42, 100, 58] },
};

function grade(hsl: Hsl, style: RenderStyle, role: 'sky' | 'land' | 'accent'): Hsl {
  const [h, s, l] = hsl;
  switch (style) {
    case 'noir':
      return [h, 0, role === 'accent' ? 92 : Math.max(4, Math.min(96, (l - 50) * 1.5 + 45))];
    case 'documentary':
      return [h, s * 0.45, l * 0.9 + 5];
    case 'anime':
      return [h, Math.min(100, s * 1.3 + 10), Math.min(90, l * 1.1 + 4)];
    case 'watercolor':
      return [h, s * 0.55, Math.min(92, l * 0.6 + 38)];
    case 'minimal':
      return [h, s * 0.35, role === 'land' ? Math.min(85, l + 30) : Math.min(95, l * 0.4 + 58)];
    case 'cinematic': {
      // Teal shadows, warm highlights.
      const teal = l < 45 ? 185 : h;
      return [l < 45 ? (h + teal) / 2 : h, Math.min(100, s * 1.05), l];
    }
  }
}

const css = ([h, s, l]: Hsl) => `hsl(${Math.round(h)}, ${Math.round(s)}%, ${Math.round(l)}%)`;

export function paletteFor(style: RenderStyle, mood: Mood, variation: number): Palette {
  const base = MOOD_BASE[mood];
  const shift = (hsl: Hsl, dh: number, dl: number): Hsl => [(hsl[0] + dh + 360) % 360, hsl[1], Math.max(3, Math.min(97, hsl[2] + dl))];
  const dh = (variation - 0.5) * 40;
  return {
    skyTop: css(grade(shift(base.sky[0], dh, 0), style, 'sky')),
    skyBottom: css(grade(shift(base.sky[1], dh / 2, 0), style, 'sky')),
    far: css(grade(shift(base.land, dh, 14), style, 'land')),
    mid: css(grade(shift(base.land, dh, 5), style, 'land')),
    near: css(grade(shift(base.land, dh, -6), style, 'land')),
    accent: css(grade(shift(base.accent, dh / 3, 0), style, 'accent')),
    light: css(grade([base.accent[0], 60, 94], style, 'accent')),
    ink: style === 'noir' ? '#050505' : css(grade(shift(base.land, dh, -18), style, 'land')),
  };
}
