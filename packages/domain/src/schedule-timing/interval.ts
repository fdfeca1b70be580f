import { CronExpressionParser } from "cron-parser";
import { echo } from "../echo.js";
import { normalizeMeltanoCron } from "./meltano-cron.js";

/** Meltano's cron aliases (CRON_INTERVALS in src/meltano/core/schedule.py). */
export const MELTANO_CRON_ALIASES: Readonly<Record<string, string>> = {
  "@hourly": "0 * * * *",
  "@daily": "0 0 * * *",
  "@weekly": "0 0 * * 0",
  "@monthly": "0 0 1 * *",
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@midnight": "0 0 * * *",
};

/** Intervals that mean "no cron": the schedule only runs when someone asks (rule 30). */
export const MANUAL_ONLY_INTERVALS: readonly string[] = ["@once", "@manual", "@none"];

/** A validated interval: either manual-only, or a 5-field cron in UTC (`cron` is cron-parser's spelling of it). */
export type ScheduleInterval =
  { readonly kind: "manual"; readonly raw: string } | { readonly kind: "cron"; readonly raw: string; readonly cron: string };

export interface InvalidInterval {
  readonly kind: "invalid-interval";
  readonly interval: string;
  readonly message: string;
}

/** Thrown by the timing functions when handed an interval that `parseInterval` rejects. */
export class InvalidIntervalError extends Error {
  readonly kind = "invalid-interval";
  constructor(readonly interval: string) {
    super(invalidIntervalMessage(interval));
    this.name = "InvalidIntervalError";
  }
}

/** The rulebook's text (rule 31, Meltano's BadCronError). */
export function invalidIntervalMessage(interval: string): string {
  return `Invalid Cron expression or alias: '${echo(interval)}'. Please use a valid cron expression`;
}

export function parseInterval(raw: string): { ok: true; value: ScheduleInterval } | { ok: false; error: InvalidInterval } {
  const key = raw.trim().toLowerCase();
  if (MANUAL_ONLY_INTERVALS.includes(key)) return { ok: true, value: { kind: "manual", raw } };
  const alias = Object.hasOwn(MELTANO_CRON_ALIASES, key) ? MELTANO_CRON_ALIASES[key] : undefined;
  const cron = normalizeMeltanoCron(alias ?? raw);
  if (cron !== undefined && firesAtAll(cron)) return { ok: true, value: { kind: "cron", raw, cron } };
  return { ok: false, error: { kind: "invalid-interval", interval: raw, message: invalidIntervalMessage(raw) } };
}

/** Like `parseInterval`, for callers holding an interval from an already validated manifest. */
export function toScheduleInterval(interval: string | ScheduleInterval): ScheduleInterval {
  if (typeof interval !== "string") return interval;
  const parsed = parseInterval(interval);
  if (!parsed.ok) throw new InvalidIntervalError(interval);
  return parsed.value;
}

// cron-parser refuses expressions that can never fire (`0 0 31 2 *`); croniter would search for ever instead.
function firesAtAll(cron: string): boolean {
  try {
    CronExpressionParser.parse(cron, { tz: "UTC", currentDate: new Date(0) }).next();
    return true;
  } catch {
    return false;
  }
}
