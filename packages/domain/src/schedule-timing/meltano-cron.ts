/**
 * The 5-field cron grammar Meltano's `is_valid_cron` accepts (src/meltano/core/schedule.py): numbers in range,
 * `*`, lists, ranges, steps, month and weekday names, `7` for Sunday, wrap-around weekday ranges (`fri-mon`),
 * `?` in the day fields and `L` in the day-of-month field. Case-insensitive.
 *
 * Two deliberate differences, both towards what croniter (which Meltano Cloud used to compute runs) accepts:
 * every comma part must be valid (Meltano's validator accepts `1,99` because it checks `any` part), and a
 * non-weekday range must run upwards (`5-1` in the minute field never fires in croniter).
 *
 * Returns the expression rewritten for cron-parser (names → numbers, `?` → `*`, wrap-around weekday ranges split),
 * or `undefined` when the expression is not valid Meltano cron.
 */

const FIELD_RANGES: readonly (readonly [number, number])[] = [
  [0, 59], // minute
  [0, 23], // hour
  [1, 31], // day of month
  [1, 12], // month
  [0, 6], // day of week
];
const DAY_OF_MONTH = 2;
const MONTH = 3;
const DAY_OF_WEEK = 4;

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const WEEKDAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

export function normalizeMeltanoCron(expression: string): string | undefined {
  const fields = expression.trim().toLowerCase().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const normalized: string[] = [];
  for (const [index, field] of fields.entries()) {
    const rewritten = normalizeField(field, index);
    if (rewritten === undefined) return undefined;
    normalized.push(rewritten);
  }
  return normalized.join(" ");
}

function normalizeField(field: string, index: number): string | undefined {
  if (field === "*") return "*";
  if (field === "?") return index === DAY_OF_MONTH || index === DAY_OF_WEEK ? "*" : undefined;
  const parts = field.split(",").map((part) => normalizePart(part, index));
  return parts.every((part): part is string => part !== undefined) ? parts.join(",") : undefined;
}

function normalizePart(part: string, index: number): string | undefined {
  const slash = part.indexOf("/");
  if (slash >= 0) {
    const base = part.slice(0, slash);
    const step = part.slice(slash + 1);
    if (!/^\d+$/.test(step) || Number(step) <= 0 || base === "") return undefined;
    if (base === "*") return `*/${Number(step)}`;
    const range = normalizeRangeOrValue(base, index, false);
    return range === undefined ? undefined : `${range}/${Number(step)}`;
  }
  return normalizeRangeOrValue(part, index, true);
}

function normalizeRangeOrValue(text: string, index: number, mayWrap: boolean): string | undefined {
  const [min, max] = FIELD_RANGES[index] ?? [0, 0];
  const dash = text.indexOf("-");
  if (dash < 0) {
    const value = parseValue(text, index);
    if (value === undefined) return undefined;
    if (index === DAY_OF_WEEK && value === 7) return "0";
    if (index === DAY_OF_MONTH && text === "l") return "L";
    return value >= min && value <= max ? String(value) : undefined;
  }
  const start = parseValue(text.slice(0, dash), index);
  const end = parseValue(text.slice(dash + 1), index);
  if (start === undefined || end === undefined || text.slice(0, dash) === "l" || text.slice(dash + 1) === "l") {
    return undefined;
  }
  if (index === DAY_OF_WEEK) {
    // 7 is Sunday; `fri-mon` wraps over the weekend, which cron-parser needs spelled as two ranges.
    if (start > 7 || end > 7) return undefined;
    if (start === 7 && end === 7) return "0";
    const from = start === 7 ? 0 : start;
    if (from <= end) return `${from}-${end}`;
    return mayWrap ? `${from}-6,0-${end}` : undefined;
  }
  return start >= min && end <= max && start <= end ? `${start}-${end}` : undefined;
}

function parseValue(text: string, index: number): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (index === MONTH && MONTH_NAMES.includes(text)) return MONTH_NAMES.indexOf(text) + 1;
  if (index === DAY_OF_WEEK && WEEKDAY_NAMES.includes(text)) return WEEKDAY_NAMES.indexOf(text);
  if (index === DAY_OF_MONTH && text === "l") return 31;
  return undefined;
}
