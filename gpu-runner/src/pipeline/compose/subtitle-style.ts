import type { FrameSize } from '../frame-size';

/**
 * libass style for burned subtitles. SRT is laid out on a 384x288 script canvas scaled to the
 * frame, so the font size is given in those units; sized so 42 characters fit the width.
 */
export function burnedSubtitleStyle(size: FrameSize): string {
  const pixels = Math.min(size.width / 26, size.height / 16);
  const fontSize = Math.max(8, Math.round((pixels * 288) / size.height));
  const margin = Math.round(288 * 0.06);
  return [
    'FontName=DejaVu Sans',
    `FontSize=${fontSize}`,
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
