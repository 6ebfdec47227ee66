import { confirmedBytes } from './resumable-session';

describe('confirmedBytes', () => {
  it("reads Google's Range header as the number of bytes stored", () => {
    expect(confirmedBytes('bytes=0-262143')).toBe(262_144);
    expect(confirmedBytes('bytes=0-0')).toBe(1);
    expect(confirmedBytes(null)).toBe(0);
    expect(confirmedBytes('bytes=5-9')).toBe(0);
  });
});
