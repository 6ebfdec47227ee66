import type { FrameSize } from '../frame-size';

/** SRT is laid out on a script canvas 288 units high, scaled to the frame. */
const SCRIPT_HEIGHT = 288;

/** Font size in script units: 42 characters fit the width, and libass gets no less than 8. */
const fontSize = (size: FrameSize) => Math.max(8, Math.round((Math.min(size.width / 26, size.height / 16) * SCRIPT_HEIGHT) / size.height));

/**
 * libass style for burned subtitles. SRT is laid out on a 384x288 script canvas scaled to the
 * frame, so the font size is given in those units; sized so 42 characters fit the width.
 */
export function burnedSubtitleStyle(size: FrameSize): string {
  const margin = Math.round(SCRIPT_HEIGHT * 0.06);
  return [
    'FontName=DejaVu Sans',
    `FontSize=${fontSize(size)}`,
    'PrimaryColour=&H00FFFFFF',
    'OutlineColour=&H00000000',
    'BackColour=&H80000000',
    'BorderStyle=1',
    'Outline=1.2',
    'Shadow=0.6',
    `MarginV=${margin}`,
    'WrapStyle=0',
  ].join(',');
}

/**
 * The band at the bottom of the frame that burned subtitles can cover: the 6% margin and four lines
 * (cues have at most two; libass may wrap one on a narrow frame), outline and shadow included.
 */
export function subtitleBand(size: FrameSize): { y: number; height: number } {
  const fontPixels = (fontSize(size) * size.height) / SCRIPT_HEIGHT;
  const height = Math.min(size.height, 2 * Math.ceil((size.height * 0.06 + 4 * 1.3 * fontPixels) / 2));
  return { y: size.height - height, height };
}
