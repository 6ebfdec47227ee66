import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SceneDescription } from '@afs/contracts';
import { partGraph } from './part-graph';
import { planComposition } from './segment-plan';

const size = { width: 64, height: 36 };
const COLOURS = ['black', 'white', 'black', 'white'];

const scenes = (starts: number[]): SceneDescription[] =>
  starts.map((start, index) => ({ index, heading: '', narration: 'x', visual: '', mood: 'calm', keywords: [], estimatedDuration: 1, start }));

/** Mean luma of every frame the part's graph draws, by real ffmpeg over solid black and white stills. */
function partLuma(dir: string, starts: number[], duration: number, scenesPerPart: number, partIndex: number): { frames: number; luma: number[] } {
  const plan = planComposition(scenes(starts), 30, duration, scenesPerPart);
  const part = plan.parts[partIndex];
  const graph = partGraph(plan, part, size);
  const inputs = graph.stills.flatMap((scene) => ['-i', join(dir, `${COLOURS[scene]}.png`)]);
  const raw = execFileSync('ffmpeg', ['-v', 'error', ...inputs, '-filter_complex', graph.filters.join(';'), '-map', `[${graph.output}]`, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { maxBuffer: 64 << 20 });
  const pixels = size.width * size.height;
  const luma: number[] = [];
  for (let offset = 0; offset + pixels <= raw.length; offset += pixels) {
    let sum = 0;
    for (let i = offset; i < offset + pixels; i += 1) sum += raw[i];
    luma.push(sum / pixels);
  }
  return { frames: part.frames, luma };
}

describe('partGraph', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'afs-part-graph-'));
    for (const colour of ['black', 'white']) {
      execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `color=c=${colour}:s=${size.width}x${size.height}`, '-frames:v', '1', join(dir, `${colour}.png`)]);
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('draws exactly the part’s frames, each scene whole between half-second crossfades', () => {
    // Scenes of 60, 45 and 75 frames; transitions of 15 frames open the second and third.
    const { frames, luma } = partLuma(dir, [0, 2, 3.5], 6, 3, 0);
    expect(luma).toHaveLength(frames);
    expect(frames).toBe(180);
    // The crossfade's first frame is still all the previous scene, continuing its move.
    expect(luma.slice(0, 61).every((y) => y < 5)).toBe(true);
    const fade = luma.slice(60, 76);
    fade.slice(1).forEach((y, i) => expect(y).toBeGreaterThan(fade[i] + 10));
    expect(luma.slice(75, 106).every((y) => y > 250)).toBe(true);
    const fadeOut = luma.slice(105, 121);
    fadeOut.slice(1).forEach((y, i) => expect(y).toBeLessThan(fadeOut[i] - 10));
    expect(luma.slice(120).every((y) => y < 5)).toBe(true);
  });

  it('opens a later part with the crossfade from the scene the previous part ended on', () => {
    const whole = partLuma(dir, [0, 2, 3.5, 5], 7, 4, 0).luma;
    const second = partLuma(dir, [0, 2, 3.5, 5], 7, 2, 1);
    expect(second.luma).toHaveLength(second.frames);
    // Same frames as the one-part render from the third scene on, crossfade included.
    expect(second.luma.map(Math.round)).toEqual(whole.slice(105).map(Math.round));
  });
});
