import { parseRange } from './byte-range';

describe('parseRange', () => {
  const size = 1000;

  it('reads first-last, open-ended and suffix ranges', () => {
    expect(parseRange('bytes=0-99', size)).toEqual({ type: 'partial', start: 0, end: 99 });
    expect(parseRange('bytes=500-', size)).toEqual({ type: 'partial', start: 500, end: 999 });
    expect(parseRange('bytes=-100', size)).toEqual({ type: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=999-999', size)).toEqual({ type: 'partial', start: 999, end: 999 });
  });

  it('clamps an end or a suffix past the object to the object', () => {
    expect(parseRange('bytes=900-5000', size)).toEqual({ type: 'partial', start: 900, end: 999 });
    expect(parseRange('bytes=-5000', size)).toEqual({ type: 'partial', start: 0, end: 999 });
  });

  it('calls ranges that start past the end, empty suffixes and any range of an empty object unsatisfiable', () => {
    expect(parseRange('bytes=1000-', size)).toEqual({ type: 'unsatisfiable' });
    expect(parseRange('bytes=1000-2000', size)).toEqual({ type: 'unsatisfiable' });
    expect(parseRange('bytes=-0', size)).toEqual({ type: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ type: 'unsatisfiable' });
    expect(parseRange('bytes=-5', 0)).toEqual({ type: 'unsatisfiable' });
  });

  it('ignores what it cannot read, and serves the whole object', () => {
    for (const header of [
      undefined,
      '',
      'bytes=',
      'bytes=-',
      'items=0-1',
      'bytes=5-1',
      'bytes=a-b',
      'bytes=0-1,5-6',
      'bytes=99999999999999999999-',
    ]) {
      expect(parseRange(header, size)).toEqual({ type: 'full' });
    }
  });
});
