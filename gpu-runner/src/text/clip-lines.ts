import { displayWidth } from './wrap-lines';

const ELLIPSIS = '…';

/**
 * At most `maxLines` of wrapped text; when some are left out, the last one kept ends in an ellipsis
 * (within `maxWidth`), so a cut title reads as cut rather than as complete.
 */
export function clipLines(lines: string[], maxLines: number, maxWidth: number): string[] {
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  // Whole graphemes: a code point at a time could split an emoji sequence or strip a letter's accent.
  let last = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(kept[maxLines - 1])].map((g) => g.segment);
  while (last.length > 0 && displayWidth(last.join('') + ELLIPSIS) > maxWidth) last.pop();
  kept[maxLines - 1] = last.join('').trimEnd() + ELLIPSIS;
  return kept;
}
