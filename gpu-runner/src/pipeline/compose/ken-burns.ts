import type { FrameSize } from '../frame-size';

/** The gentle camera moves a scene may get; chosen by scene index so neighbours differ. */
export const CAMERA_MOVES = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left', 'zoom-in-corner'] as const;
export type CameraMove = (typeof CAMERA_MOVES)[number];

const ZOOM = 0.12;

export function cameraMoveFor(sceneIndex: number): CameraMove {
  return CAMERA_MOVES[sceneIndex % CAMERA_MOVES.length];
}

/**
 * A zoompan filter showing frames [offset, offset + frames) of a move that spans `motionFrames`.
 * The still is already at output size, so zoompan never upscales a large image.
 */
export function kenBurnsFilter(move: CameraMove, size: FrameSize, fps: number, offset: number, frames: number, motionFrames: number): string {
  const p = `((on+${offset})/${Math.max(1, motionFrames - 1)})`;
  let z: string;
  let x = 'iw/2-(iw/zoom/2)';
  let y = 'ih/2-(ih/zoom/2)';
  switch (move) {
    case 'zoom-in':
      z = `1+${ZOOM}*${p}`;
      break;
    case 'zoom-out':
      z = `${1 + ZOOM}-${ZOOM}*${p}`;
      break;
    case 'pan-right':
      z = `${1 + ZOOM}`;
      x = `(iw-iw/zoom)*${p}`;
      break;
    case 'pan-left':
      z = `${1 + ZOOM}`;
      x = `(iw-iw/zoom)*(1-${p})`;
      break;
    case 'zoom-in-corner':
      z = `1+${ZOOM}*${p}`;
      x = `(iw-iw/zoom)*0.8`;
      y = `(ih-ih/zoom)*0.3`;
      break;
  }
  return `zoompan=z='${z}':x='${x}':y='${y}':d=${frames}:s=${size.width}x${size.height}:fps=${fps}`;
}
