import { utcDayOf, utcDayStartMs, type ReadModelRowStore, type RowWrite } from "@cloud-ledger/domain";
import { instantArgument } from "../read-models/shared/query-error.js";
import { MODEL } from "./models/row-model.js";

const DAY_MS = 86_400_000;
/** Every label row sits in one scope, ordered by day (`sort`), so the oldest days are one ordered scan away. */
const SCOPE = "";
/** Today's labels and yesterday's (a command started just before midnight UTC); older days are pruned. */
const KEEP_DAYS = 2;
/** Old rows deleted per write: a day's first misses write as many rows as the day before, so pruning keeps up. */
const PRUNE_BATCH = 500;
/** What `runsPerDayCell` returns: `0`, `< 1`, `invalid`, or one decimal from 1.0 (at most 1440.0 runs a day). */
const LABEL = /^(?:0|< 1|invalid|[1-9]\d{0,3}\.\d)$/;

/** The row key: the day is always 10 characters, so the exact interval string follows unambiguously. */
const keyOf = (day: string, interval: string): string => `${day} ${interval}`;

/**
 * The "Runs / Day" label of each interval for the UTC day `from` falls on (the label is a function of interval and
 * day: domain `runsPerDay`). Labels come from a cache of rows in the read-model store (the SQLite file, the PostgreSQL
 * schema, or memory); only the intervals it lacks load the cron code (a dynamic import, so the bundled CLI keeps
 * cron-parser and luxon out of a read that hits) and are counted, then written back with the oldest days pruned.
 * A row that does not hold a label is counted again and overwritten, never shown.
 */
export async function runsPerDayLabels(
  rows: ReadModelRowStore,
  intervals: readonly string[],
  from: string,
): Promise<ReadonlyMap<string, string>> {
  instantArgument("from", from);
  const day = utcDayOf(from);
  const labels = new Map<string, string>();
  const missing: string[] = [];
  for (const interval of new Set(intervals)) {
    const label = await cachedLabel(rows, keyOf(day, interval));
    if (label === undefined) missing.push(interval);
    else labels.set(interval, label);
  }
  if (missing.length === 0) return labels;
  const { runsPerDayCell } = await import("../read-models/schedule-matrix/cell-label.js");
  const dayStart = utcDayStartMs(day);
  const writes: RowWrite[] = [];
  for (const interval of missing) {
    const label = runsPerDayCell(interval, new Date(dayStart).toISOString());
    labels.set(interval, label);
    writes.push({ model: MODEL.runsPerDayLabel, scope: SCOPE, key: keyOf(day, interval), sort: dayStart / DAY_MS, value: label });
  }
  await remember(rows, writes, dayStart / DAY_MS - KEEP_DAYS + 1);
  return labels;
}

async function cachedLabel(rows: ReadModelRowStore, key: string): Promise<string | undefined> {
  let value: unknown;
  try {
    value = await rows.get(MODEL.runsPerDayLabel, SCOPE, key);
  } catch {
    // A row whose text is not JSON (edited behind the library's back): counted again and overwritten below.
    return undefined;
  }
  return typeof value === "string" && LABEL.test(value) ? value : undefined;
}

/**
 * Writes the new labels and deletes rows of days before `firstKeptDay`, in one commit that leaves the checkpoint where
 * it is. If another process moved the checkpoint meanwhile the commit writes nothing, and a later read counts again.
 */
async function remember(rows: ReadModelRowStore, writes: readonly RowWrite[], firstKeptDay: number): Promise<void> {
  try {
    const checkpoint = await rows.checkpoint();
    if (checkpoint === undefined) return;
    // A corrupt row among the oldest fails the scan: the new labels (one of them overwriting it) are written anyway.
    const oldest = await rows.scan(MODEL.runsPerDayLabel, SCOPE, { order: "asc", limit: PRUNE_BATCH }).catch(() => []);
    const pruned = oldest
      .filter((row) => row.sort < firstKeptDay)
      .map((row): RowWrite => ({ model: MODEL.runsPerDayLabel, scope: SCOPE, key: row.key, sort: row.sort, value: undefined }));
    await rows.commit(checkpoint, checkpoint, [...pruned, ...writes], false);
  } catch {
    // The labels are already counted: a cache that cannot be written (a read-only or busy store) must not fail the
    // read that counted them.
  }
}
