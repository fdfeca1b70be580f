import { left, right, type Either } from "fp-ts/lib/Either.js";

const LOOKBACK = /^(?:(\d{1,3})w)?(?:([1-6])d)?(?:(\d{1,2})h)?(?:(\d{1,2})m)?$/;
const MINUTE_MS = 60_000;

/**
 * Rule 41: a lookback is weeks (up to 3 digits), days (1–6), hours and minutes (up to 2 digits each), in that
 * order, e.g. `1w`, `3d`, `12h`, `30m`, `1w2d3h4m`. Returns its length in milliseconds. The Meltano Cloud CLI's
 * pattern also matches the empty string; here an empty lookback is rejected, since it would silently mean "now".
 */
export function parseLookback(text: string): Either<string, number> {
  const match = LOOKBACK.exec(text);
  if (match === null || text === "") return left(`Invalid value for '--lookback': Invalid lookback expression: ${text}`);
  const [, weeks, days, hours, minutes] = match;
  const n = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  return right((((n(weeks) * 7 + n(days)) * 24 + n(hours)) * 60 + n(minutes)) * MINUTE_MS);
}
