/** YouTube's daily quota resets at midnight Pacific time. */
const QUOTA_TIME_ZONE = 'America/Los_Angeles';

/** The next midnight in Los Angeles after `now`, as an instant (DST-aware). */
export function nextQuotaReset(now: Date = new Date()): Date {
  const [year, month, day] = datePartsIn(QUOTA_TIME_ZONE, now);
  const midnightUtc = Date.UTC(year, month - 1, day + 1);
  // The offset at that midnight, not now's: the night DST begins or ends differs by an hour.
  const guess = midnightUtc - offsetMinutes(QUOTA_TIME_ZONE, new Date(midnightUtc)) * 60_000;
  return new Date(midnightUtc - offsetMinutes(QUOTA_TIME_ZONE, new Date(guess)) * 60_000);
}

function datePartsIn(timeZone: string, at: Date): [number, number, number] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return [get('year'), get('month'), get('day')];
}

/** The zone's offset from UTC at `at`, in minutes (Los Angeles: -480 or -420). */
function offsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
