import type { Clock } from "@cloud-ledger/domain";

export interface ScaledClockOptions {
  /** The instant the clock reads at the real moment `anchor`. */
  readonly start: string;
  /** How many clock milliseconds pass per real millisecond (1: real time; 600: ten minutes a second). */
  readonly speed: number;
  /** The real moment (epoch ms) that reads as `start`; default now. Processes given the same anchor read the same. */
  readonly anchorMs?: number;
  /** The real clock (default Date.now), for tests of this clock. */
  readonly realNow?: () => number;
}

/**
 * A clock that runs from `start` at `speed` times real time: for demos and tests of time-driven components (a
 * scheduler seeing hours of ticks in seconds). Never use it to stamp a production ledger.
 */
export function createScaledClock(options: ScaledClockOptions): Clock {
  const startMs = Date.parse(options.start);
  if (Number.isNaN(startMs)) throw new RangeError(`Not a valid time: '${options.start}'`);
  if (!Number.isFinite(options.speed) || options.speed <= 0)
    throw new RangeError(`The speed must be a positive number, got ${options.speed}`);
  const realNow = options.realNow ?? Date.now;
  const anchorMs = options.anchorMs ?? realNow();
  return { now: () => new Date(startMs + Math.floor((realNow() - anchorMs) * options.speed)).toISOString() };
}
