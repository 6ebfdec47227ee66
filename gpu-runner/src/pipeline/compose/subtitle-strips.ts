import type { FrameSize } from '../frame-size';
import { burnedSubtitleStyle, subtitleBand } from './subtitle-style';
import type { Part } from './segment-plan';

/**
 * Burned subtitles are drawn by libass once per change of cue onto a transparent frame, cut to the
 * band they occupy, and laid over the film's frames by overlay. libass drawing onto every frame cost
 * 1 CPU-ms a frame at 720p (a quarter of all filtering, in C); the overlay, in SIMD, costs a fifth of that.
 */

/** A 16x16 fully transparent image in PAM, the one format simple enough to write here: the blank canvas. */
export const BLANK_CANVAS = 'blank.pam';
/** The cues libass draws: the SRT with its text escaped (srtForLibass), so it is drawn as written. */
export const BURNED_SUBTITLES = 'burned-subtitles.srt';
export function blankCanvas(): Buffer {
  const header = 'P7\nWIDTH 16\nHEIGHT 16\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n';
  return Buffer.concat([Buffer.from(header, 'ascii'), Buffer.alloc(16 * 16 * 4)]);
}

const SRT_TIME = /(\d+):(\d\d):(\d\d)[,.](\d{3})\s*-->\s*(\d+):(\d\d):(\d\d)[,.](\d{3})/g;

/**
 * The time libass draws frame n at: ffmpeg's subtitles filter passes pts x time base x 1000 as a
 * double and libass takes whole milliseconds, so a frame can land a millisecond early (frame 111 at
 * 30 fps is drawn at 3699 ms).
 */
const libassMs = (frame: number, fps: number) => Math.trunc(frame * (1 / fps) * 1000);

/** The first frame libass draws at `ms` or later. */
function firstFrameFrom(ms: number, fps: number): number {
  let frame = Math.ceil((ms * fps) / 1000);
  while (libassMs(frame, fps) < ms) frame += 1;
  return frame;
}

/**
 * Frames on which the subtitle on screen changes, ascending, from 0: libass shows a cue on a frame
 * whose time is at or after its start and before its end. A canvas is drawn once per change and
 * held, so these must be exactly the frames on which per-frame drawing would change.
 */
export function subtitleChanges(srt: string, fps: number): number[] {
  const ms = (h: string, m: string, s: string, milli: string) => (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000 + Number(milli);
  const changes = new Set([0]);
  for (const match of srt.matchAll(SRT_TIME)) {
    changes.add(firstFrameFrom(ms(match[1], match[2], match[3], match[4]), fps));
    changes.add(firstFrameFrom(ms(match[5], match[6], match[7], match[8]), fps));
  }
  return [...changes].sort((a, b) => a - b);
}

/** The concat-demuxer list for a part: the blank canvas once per change, timed in the part's own frames. */
export function stripList(changes: number[], part: Part, fps: number): string {
  const end = part.startFrame + part.frames;
  const starts = [part.startFrame, ...changes.filter((frame) => frame > part.startFrame && frame < end)];
  const lines = ['ffconcat version 1.0'];
  starts.forEach((start, i) => {
    lines.push(`file ${BLANK_CANVAS}`, `option framerate ${fps}`);
    if (i + 1 < starts.length) lines.push(`duration ${((starts[i + 1] - start) / fps).toFixed(9)}`);
  });
  return `${lines.join('\n')}\n`;
}

/**
 * Filters that draw the subtitles of the canvases read from input `strips` (the part's list) and lay
 * them over `[from]` into `[to]`. The canvases are shifted to film time while libass draws them.
 */
export function subtitleStripFilters(strips: number, from: string, to: string, part: Part, size: FrameSize, fps: number): string[] {
  const band = subtitleBand(size);
  return [
    `[${strips}:v]scale=${size.width}:${size.height},format=yuva420p,settb=1/${fps},setpts=PTS+${part.startFrame},` +
      `subtitles=${BURNED_SUBTITLES}:alpha=1:force_style='${burnedSubtitleStyle(size)}',setpts=PTS-${part.startFrame},crop=${size.width}:${band.height}:0:${band.y}[strips]`,
    `[${from}][strips]overlay=x=0:y=${band.y}:format=yuv420[${to}]`,
  ];
}
