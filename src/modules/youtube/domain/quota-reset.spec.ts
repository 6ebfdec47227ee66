import { nextQuotaReset } from './quota-reset';

describe('nextQuotaReset', () => {
  it('is the next midnight in Los Angeles, in winter (UTC-8) and summer (UTC-7)', () => {
    expect(nextQuotaReset(new Date('2026-11-29T23:16:00Z')).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    expect(nextQuotaReset(new Date('2026-07-01T06:59:00Z')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(nextQuotaReset(new Date('2026-07-01T07:00:00Z')).toISOString()).toBe('2026-07-02T07:00:00.000Z');
  });

  it('takes the offset of the midnight itself across a DST change', () => {
    // DST starts 2026-03-08 at 02:00 local: the midnight before it is still UTC-8.
    expect(nextQuotaReset(new Date('2026-03-07T20:00:00Z')).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    // DST ends 2026-11-01 at 02:00 local: the midnight after it is UTC-8 again.
    expect(nextQuotaReset(new Date('2026-11-01T12:00:00Z')).toISOString()).toBe('2026-11-02T08:00:00.000Z');
  });
});
