import type { SceneDescription } from '@afs/contracts';
import { balancedWrap, displayWidth, splitEvenly } from '../../text/wrap-lines';

export interface Cue {
  start: number;
  end: number;
  lines: string[];
}

export const MAX_LINE_WIDTH = 42;
export const MAX_LINES = 2;

/** A sentence as the fewest cues of at most two balanced lines each (no one-word orphan cues). */
export function sentenceToCueTexts(text: string, language: string): string[][] {
  const minimum = Math.max(1, Math.ceil(displayWidth(text) / (MAX_LINE_WIDTH * MAX_LINES)));
  for (let parts = minimum; parts <= minimum + 8; parts += 1) {
    const wrapped = splitEvenly(text, parts, language).map((piece) => balancedWrap(piece, MAX_LINE_WIDTH, MAX_LINES, language));
    if (wrapped.every((lines) => lines !== undefined)) return wrapped as string[][];
  }
  // Only an unbreakable run wider than two lines gets here: cut it by width rather than overflow.
  const lines: string[] = [''];
  for (const char of text) {
    if (displayWidth(lines[lines.length - 1] + char) > MAX_LINE_WIDTH) lines.push('');
    lines[lines.length - 1] += char;
  }
  return Array.from({ length: Math.ceil(lines.length / MAX_LINES) }, (_, i) => lines.slice(i * MAX_LINES, (i + 1) * MAX_LINES));
}

/** A sentence's measured span and its cues, timed within it in proportion to their length. */
export interface SentenceCues {
  start: number;
  end: number;
  cues: Cue[];
}

/**
 * Cues from the measured sentence timings: a sentence that needs more than two lines becomes several
 * cues, each given a share of the sentence's time proportional to its length.
 */
export function sentenceCues(scenes: SceneDescription[], language: string): SentenceCues[] {
  return scenes.flatMap((scene) =>
    (scene.sentences ?? []).map((sentence) => {
      const groups = sentenceToCueTexts(sentence.text, language);
      const total = groups.reduce((sum, g) => sum + displayWidth(g.join(' ')), 0) || 1;
      let start = sentence.start;
      const cues = groups.map((lines) => {
        const length = (sentence.duration * displayWidth(lines.join(' '))) / total;
        const cue = { start, end: start + length, lines };
        start += length;
        return cue;
      });
      return { start: sentence.start, end: sentence.start + sentence.duration, cues };
    }),
  );
}

/** Drops cues too short to read or time (a flicker), which only rounding makes. */
export function playableCues(cues: Cue[]): Cue[] {
  return cues.filter((cue) => cue.end - cue.start > 0.05);
}

export function buildCues(scenes: SceneDescription[], language: string): Cue[] {
  return playableCues(sentenceCues(scenes, language).flatMap((sentence) => sentence.cues));
}

function timestamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

export function toSrt(cues: Cue[]): string {
  return cues
    .map((cue, i) => `${i + 1}\n${timestamp(cue.start, ',')} --> ${timestamp(cue.end, ',')}\n${cue.lines.join('\n')}\n`)
    .join('\n');
}

const escapeVtt = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function toVtt(cues: Cue[]): string {
  const body = cues.map((cue) => `${timestamp(cue.start, '.')} --> ${timestamp(cue.end, '.')}\n${cue.lines.map(escapeVtt).join('\n')}\n`).join('\n');
  return `WEBVTT\n\n${body}`;
}
