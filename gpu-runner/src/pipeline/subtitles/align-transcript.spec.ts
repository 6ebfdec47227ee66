import { wordsFromSegments } from '../../providers/transcription/timed-words';
import { alignTranscript } from './align-transcript';
import type { SentenceCues } from './subtitle-cues';

const sentence = (start: number, end: number, ...cues: string[][]): SentenceCues => {
  const share = (end - start) / cues.length;
  return { start, end, cues: cues.map((lines, i) => ({ start: start + i * share, end: start + (i + 1) * share, lines })) };
};

const words = (...timed: [string, number, number][]) => timed.map(([text, start, end]) => ({ text, start, end }));

describe('alignTranscript', () => {
  it('times each cue from its first heard word to its last, keeping the script’s text', () => {
    const sentences = [
      sentence(0, 6, ['Dr. Okafor opened the door,'], ['and the wind came in.']),
      sentence(6.25, 8, ['It was 1999.']),
    ];
    const heard = words(
      ['Doctor', 0.4, 0.8], ['Okafor', 0.8, 1.3], ['opened', 1.3, 1.7], ['the', 1.7, 1.8], ['door', 1.8, 2.2],
      ['and', 2.9, 3.0], ['the', 3.0, 3.1], ['wind', 3.1, 3.5], ['came', 3.5, 3.8], ['in.', 3.8, 4.1],
      ['It', 6.5, 6.6], ['was', 6.6, 6.8], ['1999.', 6.8, 7.6],
    );
    expect(alignTranscript(sentences, heard)).toEqual([
      { start: 0.4, end: 2.2, lines: ['Dr. Okafor opened the door,'] },
      { start: 2.9, end: 4.1, lines: ['and the wind came in.'] },
      { start: 6.5, end: 7.6, lines: ['It was 1999.'] },
    ]);
  });

  it('keeps cues inside their sentence’s audio and keeps the estimate of a cue nobody heard', () => {
    const sentences = [sentence(0, 2, ['Hello there.']), sentence(2.25, 4, ['Unheard words.'])];
    // A drifting timestamp past the sentence's end, and nothing transcribed for the second sentence.
    const cues = alignTranscript(sentences, words(['Hello', 0.2, 0.6], ['there.', 0.6, 2.9]));
    expect(cues).toEqual([
      { start: 0.2, end: 2, lines: ['Hello there.'] },
      { start: 2.25, end: 4, lines: ['Unheard words.'] },
    ]);
  });

  it('lets cues that share a heard word meet halfway through it instead of overlapping', () => {
    const sentences = [sentence(0, 4, ['we went in'], ['to the house'])];
    const cues = alignTranscript(sentences, words(['we', 0.1, 0.3], ['went', 0.3, 0.6], ['into', 0.6, 1.2], ['the', 1.2, 1.4], ['house', 1.4, 2]));
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [0.1, expect.closeTo(0.9, 6)],
      [expect.closeTo(0.9, 6), 2],
    ]);
  });

  it('aligns Japanese by characters, with word times estimated from segments', () => {
    const sentences = [sentence(10, 14, ['夜の海は静かだった。'], ['月が波を照らしていた。'])];
    const heard = wordsFromSegments([
      { start: 10.5, end: 11.5, text: '夜の海は静かだった。' },
      { start: 12, end: 13.1, text: '月が波を照らしていた。' },
    ]);
    const cues = alignTranscript(sentences, heard);
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [10.5, expect.closeTo(11.5, 6)],
      [12, expect.closeTo(13.1, 6)],
    ]);
  });
});

describe('wordsFromSegments', () => {
  it('shares a segment’s span among its words by length', () => {
    expect(wordsFromSegments([{ start: 1, end: 2, text: ' One three ' }])).toEqual([
      { text: 'One', start: 1, end: expect.closeTo(1.375, 6) },
      { text: 'three', start: expect.closeTo(1.375, 6), end: 2 },
    ]);
  });
});
