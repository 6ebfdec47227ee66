import { clipLines } from './clip-lines';
import { displayWidth, wrapLines } from './wrap-lines';

describe('clipLines', () => {
  it('keeps text that fits as it is', () => {
    expect(clipLines(['A short', 'title'], 3, 10)).toEqual(['A short', 'title']);
  });

  it('ends the last line kept with an ellipsis within the width when lines are left out', () => {
    const title = 'The long and winding road to the harbour where the lighthouse keeper waits for the last ship of the year';
    const lines = wrapLines(title, 20, 'en');
    expect(lines.length).toBeGreaterThan(3);
    const clipped = clipLines(lines, 3, 20);
    expect(clipped.slice(0, 2)).toEqual(lines.slice(0, 2));
    expect(clipped[2].endsWith('…')).toBe(true);
    expect(clipped[2].startsWith(lines[2].slice(0, 5))).toBe(true);
    expect(displayWidth(clipped[2])).toBeLessThanOrEqual(20);
  });

  it('cuts between whole graphemes, never inside an emoji sequence or between a letter and its accent', () => {
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}';
    const accented = 'e\u0301';
    const clipped = clipLines(['one', 'two', `ab${accented}${family}${family}${family}xyz`, 'more'], 3, 6);
    const last = clipped[2].slice(0, -1);
    const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(last)].map((g) => g.segment);
    expect(graphemes.every((g) => ['a', 'b', accented, family].includes(g))).toBe(true);
  });

  it('counts wide characters by their width', () => {
    const clipped = clipLines(['灯台守は夜明け前に', '階段を上り', 'ランプに火を灯す', '船が帰ってくる'], 3, 16);
    expect(clipped).toHaveLength(3);
    expect(clipped[2].endsWith('…')).toBe(true);
    expect(displayWidth(clipped[2])).toBeLessThanOrEqual(16);
  });
});
