import { finishedBetween, type JobManifest } from './job-store';

const record = (seq: number, finishedAt: string) => ({ seq, finishedAt, files: [] });
const manifest = (steps: JobManifest['steps']): JobManifest => ({ jobId: 'j', inputHash: 'h', steps });

describe('finishedBetween', () => {
  it('tells reused records from the ones a render wrote, in pipeline order', () => {
    const before = manifest({ voice: record(2, '2026-01-01T00:00:01.000Z'), analyse: record(1, '2026-01-01T00:00:00.000Z') });
    // Same millisecond as a reused step: records are compared, not clocks.
    const after = manifest({ ...before.steps, images: record(3, '2026-01-01T00:00:01.000Z'), subtitles: record(4, '2026-01-01T00:00:02.000Z') });
    expect(finishedBetween(before, after)).toEqual({ stepsRun: ['images', 'subtitles'], stepsSkipped: ['analyse', 'voice'] });
  });

  it('counts a step redone over an older record, and everything when there was no manifest', () => {
    const before = manifest({ analyse: record(1, '2026-01-01T00:00:00.000Z') });
    const after = manifest({ analyse: record(1, '2026-01-02T00:00:00.000Z') });
    expect(finishedBetween(before, after)).toEqual({ stepsRun: ['analyse'], stepsSkipped: [] });
    expect(finishedBetween(undefined, after)).toEqual({ stepsRun: ['analyse'], stepsSkipped: [] });
    expect(finishedBetween(before, undefined)).toEqual({ stepsRun: [], stepsSkipped: [] });
  });
});
