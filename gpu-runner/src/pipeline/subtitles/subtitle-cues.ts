import type { SceneDescription } from '@afs/contracts';
import { displayWidth, wrapLines } from '../../text/wrap-lines';

export interface Cue {
  start: number;
  end: number;
  lines: string[];
}

export const MAX_LINE_WIDTH = 42;
export const MAX_LINES = 2;

/**
 * Cues from the measured sentence timings: a sentence that needs more than two lines becomes several
 * cues, each given a share of the sentence's time proportional to its length.
 */
export function buildCues(scenes: SceneDescription[], language: string): Cue[] {
  const cues: Cue[] = [];
  for (const scene of scenes) {
    for (const sentence of scene.sentences ?? []) {
      const lines = wrapLines(sentence.text, MAX_LINE_WIDTH, language);
      const groups: string[][] = [];
      for (let i = 0; i < lines.length; i += MAX_LINES) groups.push(lines.slice(i, i + MAX_LINES));
      const total = groups.reduce((sum, g) => sum + displayWidth(g.join(' ')), 0) || 1;
      let start = sentence.start;
      for (const group of groups) {
        const length = (sentence.duration * displayWidth(group.join(' '))) / total;
        cues.push({ start, end: start + length, lines: group });
        start += length;
      }
    }
  }
  return cues.filter((cue) => cue.end - cue.start > 0.05);
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
