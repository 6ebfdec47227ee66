import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FilmDescription, Mood } from '@afs/contracts';
import type { StepContext } from '../step-context';
import { musicPassages, musicStep } from './music-step';

const MOODS: Mood[] = ['calm', 'tense', 'joyful', 'sad', 'mysterious', 'epic'];

describe('musicStep', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'afs-music-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('draws a long film’s passages a few at a time and joins them into one bed of the film’s length', async () => {
    // 40 scenes of changing mood: 40 passages, drawn by three processes.
    const scenes = Array.from({ length: 40 }, (_, index) => ({ index, mood: MOODS[index % MOODS.length], duration: 0.5 + (index % 3) * 0.25 }));
    const duration = scenes.reduce((sum, scene) => sum + scene.duration, 0);
    expect(musicPassages(scenes)).toHaveLength(40);
    const film = { options: { music: true }, scenes, duration } as unknown as FilmDescription;
    const progress: number[] = [];
    const context = { film, workDir: dir, config: {}, progress: (p: number) => progress.push(p) } as unknown as StepContext;
    const output = await musicStep.run(context);
    expect(output.files).toEqual(['music.wav']);
    expect(readdirSync(dir).filter((name) => name.endsWith('.wav'))).toEqual(['music.wav']);
    const probed = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,sample_rate,channels,duration', '-of', 'json', join(dir, 'music.wav')], { encoding: 'utf8' }));
    expect(probed.streams[0]).toMatchObject({ codec_name: 'pcm_s16le', sample_rate: '24000', channels: 1 });
    expect(Math.abs(Number(probed.streams[0].duration) - duration)).toBeLessThan(0.01);
    expect(progress[progress.length - 1]).toBe(100);
  });
});
