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
