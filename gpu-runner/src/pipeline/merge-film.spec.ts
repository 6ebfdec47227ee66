import type { FilmDescription, SceneDescription } from '@afs/contracts';
import { mergeFilm } from './merge-film';

const scene = (index: number): SceneDescription => ({ index, heading: `S${index}`, narration: 'x', visual: '', mood: 'calm', keywords: [], estimatedDuration: 2 });
const film = (): FilmDescription => ({
  jobId: 'j',
  title: 't',
  options: {} as FilmDescription['options'],
  scenes: [scene(0), scene(1)],
  providers: { analyse: 'local' },
  warnings: ['kept'],
});

describe('mergeFilm', () => {
  it('keeps what two steps that ran side by side each changed', () => {
    const base = film();
    const afterImages = { ...base, scenes: base.scenes.map((s) => ({ ...s, image: `jobs/j/images/${s.index}.png` })), providers: { ...base.providers, images: 'local' } };
    const voiced = { ...base, duration: 7, scenes: base.scenes.map((s) => ({ ...s, start: s.index * 3, duration: 3 })), warnings: [...base.warnings, 'too fast'] };
    const merged = mergeFilm(mergeFilm(base, base, afterImages), base, voiced);
    expect(merged.duration).toBe(7);
    expect(merged.scenes).toEqual([
      { ...scene(0), image: 'jobs/j/images/0.png', start: 0, duration: 3 },
      { ...scene(1), image: 'jobs/j/images/1.png', start: 3, duration: 3 },
    ]);
    expect(merged.warnings).toEqual(['kept', 'too fast']);
    expect(merged.providers).toEqual({ analyse: 'local', images: 'local' });
  });

  it('leaves the description alone for a step that changed nothing', () => {
    const base = film();
    const current = { ...base, duration: 9 };
    const merged = mergeFilm(current, base, { ...base });
    expect(merged).toEqual(current);
    expect(merged.scenes).toBe(current.scenes);
  });

  it('lets a step that re-cut the scenes own the list', () => {
    const base = film();
    const recut = { ...base, scenes: [scene(0)] };
    expect(mergeFilm(base, base, recut).scenes).toEqual([scene(0)]);
  });
});
