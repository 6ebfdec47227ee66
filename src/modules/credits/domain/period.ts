/**
 * Allowance periods are calendar months in UTC, written `YYYY-MM`. Strings of that shape sort in
 * time order, so periods compare with `<` and `>`.
 */
export type Period = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && PERIOD.test(value);
}

/** The period a moment falls in. */
export function periodOf(at: Date): Period {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The first instant of a period. */
export function periodStart(period: Period): Date {
  const match = PERIOD.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
}

/** The first instant after a period (the start of the next one). */
export function periodEnd(period: Period): Date {
  const start = periodStart(period);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

export function nextPeriod(period: Period): Period {
  return periodOf(periodEnd(period));
}
