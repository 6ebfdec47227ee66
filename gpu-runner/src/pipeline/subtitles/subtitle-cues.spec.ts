import type { SceneDescription } from '@afs/contracts';
import { displayWidth } from '../../text/wrap-lines';
import { buildCues, MAX_LINE_WIDTH, sentenceToCueTexts, toSrt, toVtt } from './subtitle-cues';

const scene = (sentences: { text: string; start: number; duration: number }[]): SceneDescription => ({
  index: 0,
  heading: '',
  narration: sentences.map((s) => s.text).join(' '),
  visual: '',
  mood: 'calm',
  keywords: [],
  estimatedDuration: 1,
  sentences,
});

describe('subtitle cues', () => {
  const long = 'A single honeybee colony can hold sixty thousand bees, yet it behaves like one animal and never sleeps at all.';

  it('keeps every cue to two lines of at most 42 columns, without orphan words', () => {
    const groups = sentenceToCueTexts(long, 'en');
    expect(groups.length).toBe(2);
    for (const lines of groups) {
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(MAX_LINE_WIDTH);
      expect(lines.join(' ').split(' ').length).toBeGreaterThan(3);
    }
    expect(groups.flat().join(' ')).toBe(long);
  });

  it('splits a sentence’s measured time between its cues by length, back to back', () => {
    const cues = buildCues([scene([{ text: long, start: 2, duration: 6 }, { text: 'Short one.', start: 8.25, duration: 1 }])], 'en');
    expect(cues).toHaveLength(3);
    expect(cues[0].start).toBe(2);
    expect(cues[0].end).toBeCloseTo(cues[1].start, 6);
    expect(cues[1].end).toBeCloseTo(8, 6);
    expect(cues[2]).toEqual({ start: 8.25, end: 9.25, lines: ['Short one.'] });
  });

  it('wraps Japanese by characters counting them double width', () => {
    const text = '夜の海は静かだった。月が波を照らしていた。遠くで船の汽笛が鳴り、灯台の光がゆっくりと回っていた。';
    for (const lines of sentenceToCueTexts(text, 'ja')) for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(MAX_LINE_WIDTH);
  });

  it('writes SRT and VTT with their own timestamp formats', () => {
    const cues = [{ start: 0, end: 1.5, lines: ['Hello <there>', 'friend'] }, { start: 61.25, end: 3723.004, lines: ['Bye'] }];
    expect(toSrt(cues)).toBe('1\n00:00:00,000 --> 00:00:01,500\nHello <there>\nfriend\n\n2\n00:01:01,250 --> 01:02:03,004\nBye\n');
    expect(toVtt(cues)).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello &lt;there&gt;\nfriend\n\n00:01:01.250 --> 01:02:03.004\nBye\n');
  });
});
