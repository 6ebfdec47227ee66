import { encoderSlots } from './compose-step';

describe('encoderSlots', () => {
  it('runs one encoder at 1080p and two below it on the default 560 MB budget', () => {
    expect(encoderSlots({ width: 1920, height: 1080 }, 2, 560)).toBe(1);
    expect(encoderSlots({ width: 1280, height: 720 }, 2, 560)).toBe(2);
    expect(encoderSlots({ width: 854, height: 480 }, 4, 560)).toBe(2);
  });

  it('never exceeds the configured concurrency and never drops below one', () => {
    expect(encoderSlots({ width: 854, height: 480 }, 1, 4000)).toBe(1);
    expect(encoderSlots({ width: 1920, height: 1080 }, 8, 100)).toBe(1);
    expect(encoderSlots({ width: 1920, height: 1080 }, 8, 2000)).toBe(6);
  });
});
