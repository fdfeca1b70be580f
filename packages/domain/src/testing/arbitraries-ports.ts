import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";

/*
 * Deterministic ports for property tests: a property must give the same run for the same seed, so ids and time come
 * from counters instead of randomness and the wall clock.
 */

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function base32(value: number, width: number): string {
  let out = "";
  let rest = value;
  for (let i = 0; i < width; i += 1) {
    out = `${CROCKFORD[rest % 32] ?? "0"}${out}`;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** Ids from a counter: ULID-shaped (`01HQ…` then the count) and 32-hex execution ids; `prefix` (0-9999) keeps generators apart. */
export function createCountingIds(prefix = 0): IdGenerator & { readonly issued: () => number } {
  let counter = 0;
  return {
    ulid: () => {
      counter += 1;
      return `01HQ${base32(prefix, 4)}${base32(counter, 18)}`;
    },
    executionId: () => {
      counter += 1;
      return `${prefix.toString(16).padStart(8, "0")}${counter.toString(16).padStart(24, "0")}`;
    },
    issued: () => counter,
  };
}

/** A clock that starts at `start` and moves `stepMilliseconds` forward at every reading. */
export function createCountingClock(start = "2023-06-01T00:00:00.000Z", stepMilliseconds = 1000): Clock {
  let current = Date.parse(start);
  if (Number.isNaN(current)) throw new RangeError(`Not a valid time: '${start}'`);
  return {
    now: () => {
      const reading = new Date(current).toISOString();
      current += stepMilliseconds;
      return reading;
    },
  };
}
