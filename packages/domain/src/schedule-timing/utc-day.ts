const DAY_MS = 86_400_000;

/** Parses an ISO-8601 instant; a string that is not one is a caller bug, so it throws a RangeError naming it. */
export function toEpochMs(iso: string): number {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO-8601 instant: '${iso}'`);
  return ms;
}

/**
 * The UTC day (`2026-11-30`) an instant falls on. Runs per day are counted from the start of this day, so the label
 * and the billing class are functions of (interval, day) and can be cached by day. Kept apart from the cron code so
 * a cache lookup loads none of it.
 */
export function utcDayOf(iso: string): string {
  return new Date(Math.floor(toEpochMs(iso) / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** Midnight UTC of a day `utcDayOf` returned, as epoch milliseconds. */
export function utcDayStartMs(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`Not a UTC day (YYYY-MM-DD): '${day}'`);
  const ms = toEpochMs(`${day}T00:00:00.000Z`);
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`Not a UTC day (YYYY-MM-DD): '${day}'`);
  return ms;
}
