import type { TimedWord } from './transcription-provider';

const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SPOKEN = /[\p{L}\p{N}]/u;

/** Words of a segment's text, split at spaces. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  for (const chunk of text.trim().split(/\s+/)) {
    if (!WIDE.test(chunk)) {
      if (chunk !== '') words.push(chunk);
      continue;
    }
    // CJK is written without spaces: a word per character, punctuation kept with the one before.
    for (const char of chunk) {
      if (words.length > 0 && !SPOKEN.test(char)) words[words.length - 1] += char;
      else words.push(char);
    }
  }
  return words;
}

/** Letters and digits take the time; a word of punctuation alone still gets a sliver. */
const weight = (word: string) => [...word].filter((char) => SPOKEN.test(char)).length || 0.1;

/**
 * Word times estimated from segment times, for servers that only time segments: each segment's
 * span is shared among its words by length, which is how speech time roughly divides.
 */
export function wordsFromSegments(segments: readonly { start: number; end: number; text: string }[]): TimedWord[] {
  const words: TimedWord[] = [];
  for (const segment of segments) {
    const pieces = splitWords(segment.text);
    const total = pieces.reduce((sum, piece) => sum + weight(piece), 0) || 1;
    let at = segment.start;
    for (const piece of pieces) {
      const end = at + ((segment.end - segment.start) * weight(piece)) / total;
      words.push({ text: piece, start: at, end });
      at = end;
    }
  }
  return words;
}
