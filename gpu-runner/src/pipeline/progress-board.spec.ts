import type { RenderProgress, RenderStep } from '@afs/contracts';
import { ProgressBoard } from './progress-board';

const steps: RenderStep[] = ['voice', 'compose', 'thumbnail'];
const weights = { analyse: 0, images: 0, voice: 20, subtitles: 0, music: 0, compose: 70, thumbnail: 10 };

describe('ProgressBoard', () => {
  it('tells steps that ran side by side in pipeline order, each announced once finished', () => {
    const seen: RenderProgress[] = [];
    const board = new ProgressBoard(steps, weights, (p) => seen.push(p));
    board.update('voice', 0);
    board.finish('voice');
    board.update('compose', 0);
    board.update('thumbnail', 0);
    board.update('thumbnail', 50);
    board.finish('thumbnail');
    board.update('compose', 50);
    board.finish('compose');
    expect(seen.map((p) => `${p.step} ${p.percent} ${p.overall}`)).toEqual([
      'voice 0 0',
      'voice 100 20',
      'compose 0 20',
      'compose 0 20',
      'compose 0 20',
      'compose 0 25',
      'compose 0 30',
      'compose 50 65',
      'compose 100 100',
      'thumbnail 100 100',
    ]);
  });

  it('counts steps finished before this run as done', () => {
    const seen: RenderProgress[] = [];
    const board = new ProgressBoard(steps, weights, (p) => seen.push(p));
    board.finish('voice');
    board.update('compose', 10);
    expect(seen[seen.length - 1]).toEqual({ step: 'compose', percent: 10, overall: 27 });
  });
});
