const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** Display width in columns: CJK characters take two, as on screen. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}

/** Pieces that a line may break between: words with their trailing space, or single CJK characters. */
function breakUnits(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  const units: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    if (/^\s+$/.test(segment) && units.length > 0) units[units.length - 1] += segment;
    else if (WIDE.test(segment) && [...segment].length > 1) units.push(...segment);
    else if (units.length > 0 && /^[\p{P}]+$/u.test(segment) && !/\s$/.test(units[units.length - 1])) units[units.length - 1] += segment;
    else units.push(segment);
  }
  return units;
}

/** Greedy wrap into lines of at most `maxWidth` columns (a single over-long word gets its own line). */
export function wrapLines(text: string, maxWidth: number, language: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const unit of breakUnits(text.trim(), language)) {
    if (line !== '' && displayWidth((line + unit).trimEnd()) > maxWidth) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += unit;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** The most even wrap into at most `maxLines` lines no wider than `maxWidth`, or undefined if none fits. */
export function balancedWrap(text: string, maxWidth: number, maxLines: number, language: string): string[] | undefined {
  const total = displayWidth(text.trim());
  // As few lines as the width allows, then as even as possible: one short line stays one line.
  const needed = Math.max(1, Math.ceil(total / maxWidth));
  if (needed > maxLines) return undefined;
  for (let width = Math.min(maxWidth, Math.ceil(total / needed)); width <= maxWidth; width += 1) {
    const lines = wrapLines(text, width, language);
    if (lines.length <= maxLines && lines.every((l) => displayWidth(l) <= maxWidth)) return lines;
  }
  return undefined;
}

/** Splits text into `parts` pieces of about equal width at break opportunities. */
export function splitEvenly(text: string, parts: number, language: string): string[] {
  const units = breakUnits(text.trim(), language);
  const total = units.reduce((sum, u) => sum + displayWidth(u), 0);
  const pieces: string[] = [];
  let piece = '';
  let width = 0;
  for (const unit of units) {
    const target = (total * (pieces.length + 1)) / parts;
    if (piece !== '' && pieces.length < parts - 1 && width + displayWidth(unit) / 2 > target) {
      pieces.push(piece.trim());
      piece = '';
    }
    piece += unit;
    width += displayWidth(unit);
  }
  if (piece.trim() !== '') pieces.push(piece.trim());
  return pieces;
}
