import type { Clock } from "@cloud-ledger/domain";

/** The wall clock, in UTC, with millisecond precision. */
export function createSystemClock(): Clock {
  return { now: () => new Date().toISOString() };
}
