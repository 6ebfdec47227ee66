import { existsSync } from 'node:fs';

// resvg draws nothing for text when it finds no font, silently, and loading every system font costs
// ~250 ms per render; so load a few known files, and the large CJK collection only when needed.
const FONT_DIRS = (process.env.FONT_DIRS ?? '/usr/share/fonts').split(':');

const LATIN = ['truetype/dejavu/DejaVuSans.ttf', 'truetype/dejavu/DejaVuSans-Bold.ttf', 'truetype/noto/NotoSans-Regular.ttf', 'truetype/noto/NotoSans-Bold.ttf'];
const BY_SCRIPT: [RegExp, string[]][] = [
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u, ['opentype/noto/NotoSansCJK-Regular.ttc', 'opentype/noto/NotoSansCJK-Bold.ttc']],
  [/\p{Script=Arabic}/u, ['truetype/noto/NotoSansArabic-Regular.ttf', 'truetype/noto/NotoSansArabic-Bold.ttf']],
  [/\p{Script=Hebrew}/u, ['truetype/noto/NotoSansHebrew-Regular.ttf', 'truetype/noto/NotoSansHebrew-Bold.ttf']],
  [/\p{Script=Devanagari}/u, ['truetype/noto/NotoSansDevanagari-Regular.ttf', 'truetype/noto/NotoSansDevanagari-Bold.ttf']],
  [/\p{Script=Thai}/u, ['truetype/noto/NotoSansThai-Regular.ttf', 'truetype/noto/NotoSansThai-Bold.ttf']],
  [/[\u2190-\u2bff\u{1f000}-\u{1faff}]/u, ['truetype/noto/NotoSansSymbols-Regular.ttf', 'truetype/noto/NotoSansSymbols2-Regular.ttf']],
];

export const FONT_FAMILY = "'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK JP', 'Noto Sans Arabic', 'Noto Sans Hebrew', 'Noto Sans Devanagari', 'Noto Sans Thai', 'Noto Sans Symbols', 'Noto Sans Symbols 2'";

function locate(relative: string): string | undefined {
  for (const dir of FONT_DIRS) {
    const path = `${dir}/${relative}`;
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** Font files that cover the text's scripts, as far as they are installed. */
export function fontFilesFor(text: string): string[] {
  const wanted = [...LATIN];
  for (const [pattern, files] of BY_SCRIPT) if (pattern.test(text)) wanted.push(...files);
  return wanted.map(locate).filter((p): p is string => p !== undefined);
}
