import type { FrameSize } from '../frame-size';

/** The gentle camera moves a scene may get; chosen by scene index so neighbours differ. */
export const CAMERA_MOVES = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left', 'zoom-in-corner'] as const;
export type CameraMove = (typeof CAMERA_MOVES)[number];

const ZOOM = 0.12;

export function cameraMoveFor(sceneIndex: number): CameraMove {
  return CAMERA_MOVES[sceneIndex % CAMERA_MOVES.length];
}

const even = (value: number) => 2 * Math.ceil(value / 2);

/**
 * A filter chain over the scene's still showing frames [offset, offset + frames) of a move that
 * spans `motionFrames`. The still is already at output size, so nothing is upscaled much.
 */
export function kenBurnsFilter(move: CameraMove, size: FrameSize, fps: number, offset: number, frames: number, motionFrames: number): string {
  // Progress through the move, 0..1, from the filter's own frame counter (`n` for crop, `on` for zoompan).
  const progress = (counter: string) => `((${counter}+${offset})/${Math.max(1, motionFrames - 1)})`;
  if (move === 'pan-left' || move === 'pan-right') {
    // A pan keeps one zoom: scale the still once and slide a crop over it, rather than have zoompan
    // rescale every frame (a quarter of the filter time, and the same whole-pixel steps zoompan takes).
    const p = progress('n');
    const x = move === 'pan-right' ? `(in_w-out_w)*${p}` : `(in_w-out_w)*(1-${p})`;
    return [
      `scale=${even(size.width * (1 + ZOOM))}:${even(size.height * (1 + ZOOM))}`,
      `loop=loop=${frames - 1}:size=1`,
      // Frame n at n/fps exactly, with the frame rate and time base zoompan gives (concat and overlay expect both).
      `settb=1/${fps},setpts=N,fps=${fps}`,
      `crop=${size.width}:${size.height}:x='${x}':y='(in_h-out_h)/2'`,
    ].join(',');
  }
  const p = progress('on');
  const z = { 'zoom-in': `1+${ZOOM}*${p}`, 'zoom-out': `${1 + ZOOM}-${ZOOM}*${p}`, 'zoom-in-corner': `1+${ZOOM}*${p}` }[move];
  const [x, y] = move === 'zoom-in-corner' ? ['(iw-iw/zoom)*0.8', '(ih-ih/zoom)*0.3'] : ['iw/2-(iw/zoom/2)', 'ih/2-(ih/zoom/2)'];
  return `zoompan=z='${z}':x='${x}':y='${y}':d=${frames}:s=${size.width}x${size.height}:fps=${fps}`;
}
