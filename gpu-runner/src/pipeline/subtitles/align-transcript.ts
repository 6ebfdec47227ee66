import type { TimedWord } from '../../providers/transcription/transcription-provider';
import type { Cue, SentenceCues } from './subtitle-cues';

const SPOKEN = /[\p{L}\p{N}]/u;

/** Letters and digits only, case-folded: what a script and its transcript share when both are right. */
function spokenChars(text: string): string[] {
  return [...text.normalize('NFKC').toLowerCase()].filter((char) => SPOKEN.test(char));
}

/**
 * Past this many cells (about 4000 letters against 4000) the alignment would hold the event loop for
 * long; the subtitles step sends chunks far smaller, so only a monstrous single sentence gets here.
 */
const MAX_CELLS = 16_000_000;

const DIAGONAL = 0;
const UP = 1;
const LEFT = 2;

/**
 * Pairs of equal characters on a minimal edit path between `a` and `b` (Levenshtein), as indices.
 * Letters, not words, so scripts written without spaces align too, and a word the transcript spells
 * differently ("Dr" / "doctor") only loses its own letters.
 */
function matchedPairs(a: string[], b: string[]): [number, number][] {
  const width = b.length + 1;
  const moves = new Uint8Array((a.length + 1) * width);
  let previous = Uint32Array.from({ length: width }, (_, j) => j);
  let current = new Uint32Array(width);
  for (let j = 1; j < width; j += 1) moves[j] = LEFT;
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    moves[i * width] = UP;
    for (let j = 1; j < width; j += 1) {
      const diagonal = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      const up = previous[j] + 1;
      const left = current[j - 1] + 1;
      if (diagonal <= up && diagonal <= left) {
        current[j] = diagonal;
        moves[i * width + j] = DIAGONAL;
      } else if (up <= left) {
        current[j] = up;
        moves[i * width + j] = UP;
      } else {
        current[j] = left;
        moves[i * width + j] = LEFT;
      }
    }
    [previous, current] = [current, previous];
  }
  const pairs: [number, number][] = [];
  let i = a.length;
  let j = b.length;
  while (i > 0 || j > 0) {
    const move = moves[i * width + j];
    if (move === DIAGONAL) {
      if (a[i - 1] === b[j - 1]) pairs.push([i - 1, j - 1]);
      i -= 1;
      j -= 1;
    } else if (move === UP) i -= 1;
    else j -= 1;
  }
  return pairs.reverse();
}

/**
 * Retimes the cues of consecutive sentences from a transcript of their audio (word times in film
 * time). The cue text stays the script's; each cue runs from its first heard word to its last, kept
 * inside its sentence's measured audio. A cue the transcript does not cover keeps its estimate.
 */
export function alignTranscript(sentences: readonly SentenceCues[], words: readonly TimedWord[]): Cue[] {
  const scriptChars: string[] = [];
  const cueOfChar: number[] = [];
  const cues = sentences.flatMap((sentence) => sentence.cues.map((cue) => ({ ...cue, window: sentence })));
  cues.forEach((cue, index) => {
    for (const char of spokenChars(cue.lines.join(' '))) {
      scriptChars.push(char);
      cueOfChar.push(index);
    }
  });
  const heardChars: string[] = [];
  const wordOfChar: number[] = [];
  words.forEach((word, index) => {
    for (const char of spokenChars(word.text)) {
      heardChars.push(char);
      wordOfChar.push(index);
    }
  });
  if ((scriptChars.length + 1) * (heardChars.length + 1) > MAX_CELLS) return cues.map(({ start, end, lines }) => ({ start, end, lines }));

  const heard = cues.map(() => ({ first: -1, last: -1 }));
  const pairs = matchedPairs(scriptChars, heardChars);
  // Equally cheap edit paths can pair a stray letter across a gap (the "e" of a heard word with one in
  // text nobody heard): only letters matched next to another matched letter count.
  const follows = (k: number) => k > 0 && pairs[k - 1][0] === pairs[k][0] - 1 && pairs[k - 1][1] === pairs[k][1] - 1;
  const anchored = pairs.filter((_, k) => follows(k) || (k + 1 < pairs.length && follows(k + 1)));
  for (const [scriptIndex, heardIndex] of anchored) {
    const span = heard[cueOfChar[scriptIndex]];
    const word = wordOfChar[heardIndex];
    if (span.first < 0) span.first = word;
    span.last = word;
  }
  const timed = cues.map((cue, index) => {
    const { first, last } = heard[index];
    if (first < 0) return { start: cue.start, end: cue.end, lines: cue.lines };
    const clamp = (t: number) => Math.min(cue.window.end, Math.max(cue.window.start, t));
    const start = clamp(words[first].start);
    const end = clamp(words[last].end);
    return end > start ? { start, end, lines: cue.lines } : { start: cue.start, end: cue.end, lines: cue.lines };
  });
  // A word heard across a cue boundary (the transcript joins or splits words differently) times both
  // cues: they meet halfway through it instead of overlapping.
  for (let i = 1; i < timed.length; i += 1) {
    const [before, after] = [timed[i - 1], timed[i]];
    if (after.start < before.end) {
      const meet = Math.min(after.end, Math.max(before.start, (before.end + after.start) / 2));
      before.end = meet;
      after.start = meet;
    }
  }
  return timed;
}
