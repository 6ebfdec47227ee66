import type { RenderStyle } from '@afs/contracts';
import { clipLines } from '../../text/clip-lines';
import { wrapLines } from '../../text/wrap-lines';
import { FONT_FAMILY } from './fonts';
import { escapeXml } from './storyboard-svg';

const ACCENT: Record<RenderStyle, string> = {
  cinematic: '#f2a93b',
  documentary: '#e8e2d0',
  anime: '#ff5fa2',
  noir: '#ffffff',
  watercolor: '#7fb3d5',
  minimal: '#111111',
};

/** The thumbnail: the opening still, darkened and softened, under the film's title. */
export function buildTitleCardSvg(options: {
  title: string;
  subtitle: string;
  style: RenderStyle;
  language: string;
  width: number;
  height: number;
  backgroundPng?: Buffer;
}): string {
  const { width: w, height: h } = options;
  const u = Math.min(w, h) / 100;
  const fontSize = u * (options.title.length > 40 ? 9 : 12);
  const columns = Math.max(10, Math.floor((w * 0.86) / (fontSize * 0.6)));
  const lines = clipLines(wrapLines(options.title, columns, options.language), 3, columns);
  const lineHeight = fontSize * 1.15;
  const top = h / 2 - (lineHeight * lines.length) / 2 + fontSize * 0.8;
  const minimal = options.style === 'minimal';
  const rtl = /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(options.title);
  const background = options.backgroundPng
    ? `<image href="data:image/png;base64,${options.backgroundPng.toString('base64')}" width="${w}" height="${h}" preserveAspectRatio="xMidYMid slice" filter="url(#soft)"/>`
    : '';
  const shade = minimal ? '#ffffff' : '#000000';
  const ink = minimal ? '#111111' : '#ffffff';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`,
    `<defs><filter id="soft"><feGaussianBlur stdDeviation="${(u * 0.6).toFixed(1)}"/></filter>`,
    `<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${shade}" stop-opacity="0.35"/><stop offset="1" stop-color="${shade}" stop-opacity="0.75"/></linearGradient></defs>`,
    `<rect width="${w}" height="${h}" fill="${minimal ? '#f4f1ea' : '#1d2330'}"/>`,
    background,
    `<rect width="${w}" height="${h}" fill="url(#shade)"/>`,
    `<text font-family="${FONT_FAMILY}" font-weight="bold" font-size="${fontSize.toFixed(1)}" fill="${ink}" text-anchor="middle"${rtl ? ' direction="rtl"' : ''}>`,
    ...lines.map((line, i) => `<tspan x="${w / 2}" y="${(top + i * lineHeight).toFixed(1)}">${escapeXml(line)}</tspan>`),
    '</text>',
    `<rect x="${(w / 2 - u * 10).toFixed(1)}" y="${(top + lines.length * lineHeight - fontSize * 0.45).toFixed(1)}" width="${(u * 20).toFixed(1)}" height="${(u * 0.9).toFixed(1)}" fill="${ACCENT[options.style]}"/>`,
    `<text x="${w / 2}" y="${(top + lines.length * lineHeight + fontSize * 0.55).toFixed(1)}" font-family="${FONT_FAMILY}" font-size="${(u * 4).toFixed(1)}" fill="${ink}" opacity="0.85" text-anchor="middle">${escapeXml(options.subtitle)}</text>`,
    '</svg>',
  ].join('');
}
