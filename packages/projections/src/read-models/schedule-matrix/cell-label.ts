import { parseInterval, runsPerDayLabel } from "@cloud-ledger/domain";

/**
 * The "Runs / Day" cell of `schedule list`: the domain's label, or `invalid` for an interval that does not parse.
 * This module loads cron-parser (and luxon behind it): the persisted reader imports it only when its label cache misses.
 */
export function runsPerDayCell(interval: string, from: string): string {
  return parseInterval(interval).ok ? runsPerDayLabel(interval, from) : "invalid";
}
