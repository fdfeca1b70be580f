import type { Clock } from "@cloud-ledger/domain";

function toMillis(start: string | Date): number {
  const millis = typeof start === "string" ? Date.parse(start) : start.getTime();
  if (Number.isNaN(millis)) throw new RangeError(`Not a valid time: '${String(start)}'`);
  return millis;
}

/** A clock frozen at one instant, until moved with `set` or `advance`. */
export interface FixedClock extends Clock {
  set(time: string | Date): void;
  advance(milliseconds: number): void;
}

export function createFixedClock(start: string | Date): FixedClock {
  let current = toMillis(start);
  return {
    now: () => new Date(current).toISOString(),
    set: (time) => {
      current = toMillis(time);
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}

/** A clock that moves forward by `stepMilliseconds` after every reading, so successive events get distinct times. */
export function createSteppingClock(start: string | Date, stepMilliseconds = 1000): Clock {
  if (!Number.isFinite(stepMilliseconds) || stepMilliseconds < 0) {
    throw new RangeError(`The step must be a non-negative number of milliseconds, got ${stepMilliseconds}`);
  }
  let current = toMillis(start);
  return {
    now: () => {
      const reading = new Date(current).toISOString();
      current += stepMilliseconds;
      return reading;
    },
  };
}
