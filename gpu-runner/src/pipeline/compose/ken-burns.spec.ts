import { execFileSync } from 'node:child_process';
import { CAMERA_MOVES, kenBurnsFilter } from './ken-burns';

const size = { width: 320, height: 180 };

/** Frame checksums of the move's frames [offset, offset + frames) over a test pattern, by real ffmpeg. */
function frameHashes(move: (typeof CAMERA_MOVES)[number], fps: number, offset: number, frames: number, motionFrames: number): string[] {
  const filter = `[0:v]format=yuv420p,${kenBurnsFilter(move, size, fps, offset, frames, motionFrames)}[out]`;
  const log = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=s=${size.width}x${size.height}:r=1:d=1`, '-filter_complex', filter, '-map', '[out]', '-f', 'framemd5', '-'],
    { encoding: 'utf8' },
  );
  return log
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(',').pop()!.trim());
}

describe('kenBurnsFilter', () => {
  it.each(CAMERA_MOVES.flatMap((move) => [24, 25, 30].map((fps) => [move, fps] as const)))('%s at %i fps gives exactly the frames asked for, all moving', (move, fps) => {
    const hashes = frameHashes(move, fps, 10, 40, 60);
    expect(hashes).toHaveLength(40);
    // Crops move in whole chroma pixels (two luma pixels), zoompan's as well: on a 320-pixel frame
    // a pan travels 38 pixels in all, so a position holds for two or three frames.
    expect(new Set(hashes).size).toBeGreaterThan(10);
    expect(hashes[0]).not.toBe(hashes[39]);
  });

  it('continues a move where the previous piece of it stopped', () => {
    const whole = frameHashes('pan-left', 30, 0, 60, 60);
    expect(frameHashes('pan-left', 30, 20, 40, 60)).toEqual(whole.slice(20));
    const zoom = frameHashes('zoom-in', 30, 0, 60, 60);
    expect(frameHashes('zoom-in', 30, 20, 40, 60)).toEqual(zoom.slice(20));
  });
});
