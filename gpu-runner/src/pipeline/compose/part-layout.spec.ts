import { encoderSlots, partLayout } from './part-layout';

describe('encoderSlots', () => {
  it('runs one encoder at 1080p and two or more below it on the default 560 MB budget', () => {
    expect(encoderSlots({ width: 1920, height: 1080 }, 2, 560)).toBe(1);
    expect(encoderSlots({ width: 1280, height: 720 }, 2, 560)).toBe(2);
    expect(encoderSlots({ width: 854, height: 480 }, 4, 560)).toBe(3);
  });

  it('never exceeds the configured concurrency and never drops below one', () => {
    expect(encoderSlots({ width: 854, height: 480 }, 1, 4000)).toBe(1);
    expect(encoderSlots({ width: 1920, height: 1080 }, 8, 100)).toBe(1);
    expect(encoderSlots({ width: 1920, height: 1080 }, 8, 2000)).toBe(6);
  });
});

describe('partLayout', () => {
  it('groups scenes into parts as far as the default budget holds', () => {
    // Measured peaks of the 60-second example with these layouts: 540 MB at 720p, 504 MB at 1080p.
    expect(partLayout({ width: 1280, height: 720 }, 8, 2, 560)).toEqual({ slots: 2, scenesPerPart: 2 });
    expect(partLayout({ width: 1920, height: 1080 }, 8, 2, 560)).toEqual({ slots: 1, scenesPerPart: 3 });
  });

  it('spreads the scenes over the encoder slots in as few processes as the budget holds', () => {
    expect(partLayout({ width: 854, height: 480 }, 8, 2, 560)).toEqual({ slots: 2, scenesPerPart: 4 });
    expect(partLayout({ width: 1280, height: 720 }, 8, 2, 640)).toEqual({ slots: 2, scenesPerPart: 4 });
    expect(partLayout({ width: 1280, height: 720 }, 3, 2, 2000)).toEqual({ slots: 2, scenesPerPart: 2 });
  });

  it('keeps one scene per process when the budget holds no more', () => {
    expect(partLayout({ width: 1920, height: 1080 }, 8, 2, 460)).toEqual({ slots: 1, scenesPerPart: 1 });
  });
});
