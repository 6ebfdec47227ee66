import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Part } from './segment-plan';
import { BLANK_CANVAS, blankCanvas, BURNED_SUBTITLES, stripList, subtitleChanges, subtitleStripFilters } from './subtitle-strips';
import { srtForLibass } from './subtitle-text-escape';
import { burnedSubtitleStyle } from './subtitle-style';

const SRT = ['1', '00:00:00,500 --> 00:00:01,200', 'First cue', '', '2', '00:00:01,200 --> 00:00:02,010', 'A boy counts his coins twice, then points', 'at the biggest bowl on the counter, smiling', '', '3', '00:00:02,500 --> 00:00:03,100', 'Third', '', '4', '00:00:03,700 --> 00:00:03,900', 'Fourth', ''].join('\n');

describe('subtitleChanges', () => {
  it('lists the frames where the cue on screen changes, as libass would time them', () => {
    // 0.5 s is frame 15 exactly; 2.01 s is frame 60.3, so the cue is still up on frame 60 and gone
    // on 61; frame 111 at 30 fps is drawn at 3699 ms, so the fourth cue appears on frame 112.
    expect(subtitleChanges(SRT, 30)).toEqual([0, 15, 36, 61, 75, 93, 112, 117]);
    expect(subtitleChanges(SRT, 25)).toEqual([0, 13, 30, 51, 63, 78, 93, 98]);
    expect(subtitleChanges('', 30)).toEqual([0]);
  });
});

describe('stripList', () => {
  it('times one blank canvas per change in the part’s own frames', () => {
    const part: Part = { startFrame: 30, frames: 40, segments: [] };
    expect(stripList([0, 15, 36, 61, 75, 93, 112, 117], part, 30).split('\n')).toEqual([
      'ffconcat version 1.0',
      `file ${BLANK_CANVAS}`, 'option framerate 30', 'duration 0.200000000',
      `file ${BLANK_CANVAS}`, 'option framerate 30', 'duration 0.833333333',
      `file ${BLANK_CANVAS}`, 'option framerate 30',
      '',
    ]);
  });
});

describe.each([
  ['16:9', { width: 320, height: 180 }],
  // Narrow: the font keeps libass's minimum size, larger than the width alone would give.
  ['9:16', { width: 270, height: 480 }],
])('subtitle strips over a part at %s', (_, size) => {
  const fps = 30;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'afs-strips-'));
    writeFileSync(join(dir, 'subtitles.srt'), SRT);
    writeFileSync(join(dir, BURNED_SUBTITLES), srtForLibass(SRT));
    writeFileSync(join(dir, BLANK_CANVAS), blankCanvas());
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=s=${size.width}x${size.height}:r=${fps}`, '-frames:v', '120', '-pix_fmt', 'yuv420p', '-f', 'rawvideo', join(dir, 'film.yuv')]);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Luma planes of a part's frames [start, start + frames) of the test film, with a filter chain applied. */
  function frames(filter: string[], inputs: string[], start: number, count: number): Uint8Array[] {
    const film = ['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', `${size.width}x${size.height}`, '-r', String(fps), '-i', 'film.yuv'];
    const trim = `[0:v]trim=start_frame=${start}:end_frame=${start + count},setpts=PTS-STARTPTS[part]`;
    const raw = execFileSync('ffmpeg', ['-v', 'error', ...film, ...inputs, '-filter_complex', [trim, ...filter].join(';'), '-map', '[out]', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { cwd: dir, maxBuffer: 64 << 20 });
    const plane = size.width * size.height;
    return Array.from({ length: raw.length / plane }, (_, i) => raw.subarray(i * plane, (i + 1) * plane));
  }

  /** Pixels whose luma differs by more than 40. (No Math.abs: called in this loop inside Jest's sandbox it is 100 times slower.) */
  function differs(a: Uint8Array, b: Uint8Array): number {
    let count = 0;
    for (let i = 0; i < a.length; i += 1) {
      const d = a[i] - b[i];
      if (d > 40 || d < -40) count += 1;
    }
    return count;
  }

  it.each([0, 50])('shows each cue on the same frames as libass drawing every frame (part from frame %i)', (start) => {
    const part: Part = { startFrame: start, frames: 120 - start, segments: [] };
    writeFileSync(join(dir, 'strips.txt'), stripList(subtitleChanges(SRT, fps), part, fps));
    const plain = frames(['[part]null[out]'], [], start, part.frames);
    const strips = frames(subtitleStripFilters(1, 'part', 'out', part, size, fps), ['-f', 'concat', '-safe', '0', '-i', 'strips.txt'], start, part.frames);
    const libass = frames(
      [`[part]setpts=PTS+${start / fps}/TB,subtitles=subtitles.srt:force_style='${burnedSubtitleStyle(size)}',setpts=PTS-STARTPTS[out]`],
      [],
      start,
      part.frames,
    );
    expect(strips).toHaveLength(part.frames);
    const textIn = (drawn: Uint8Array[]) => drawn.map((frame, i) => differs(frame, plain[i]) > 50);
    expect(textIn(strips)).toEqual(textIn(libass));
    expect(textIn(strips).filter(Boolean).length).toBeGreaterThan(10);
    // The same glyphs in the same places, none cut off: blending rounds a little differently at edges.
    strips.forEach((frame, i) => expect(differs(frame, libass[i])).toBeLessThanOrEqual(5 + 0.05 * differs(libass[i], plain[i])));
  });
});
