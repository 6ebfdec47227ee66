import type { AspectRatio, Resolution } from '@afs/contracts';

export interface FrameSize {
  width: number;
  height: number;
}

const SHORT_SIDE: Record<Resolution, number> = { '480p': 480, '720p': 720, '1080p': 1080 };
// H.264 with yuv420p needs even sides; 480 * 16 / 9 = 853.3 rounds to the usual 854.
const even = (value: number) => Math.round(value / 2) * 2;

export function frameSize(aspectRatio: AspectRatio, resolution: Resolution): FrameSize {
  const short = SHORT_SIDE[resolution];
  switch (aspectRatio) {
    case '16:9':
      return { width: even((short * 16) / 9), height: short };
    case '9:16':
      return { width: short, height: even((short * 16) / 9) };
    case '1:1':
      return { width: short, height: short };
  }
}

/** YouTube's 1280x720 for landscape; the same long side for other shapes. */
export function thumbnailSize(aspectRatio: AspectRatio): FrameSize {
  switch (aspectRatio) {
    case '16:9':
      return { width: 1280, height: 720 };
    case '9:16':
      return { width: 720, height: 1280 };
    case '1:1':
      return { width: 1280, height: 1280 };
  }
}
