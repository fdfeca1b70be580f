import { monotonicFactory } from "ulid";
import type { Clock, IdGenerator } from "@cloud-ledger/domain";

/** mulberry32: a tiny, well-known 32-bit PRNG; enough for reproducible ids, never for secrets. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIXED_EPOCH = Date.parse("2023-01-01T00:00:00.000Z");

/**
 * Reproducible ids for tests, demos and benchmarks: the same seed (and the same clock readings) always gives the
 * same sequence. ULID timestamps come from the clock when one is given, so ids sort with the events they name.
 */
export function createSeededIdGenerator(seed: number, clock?: Clock): IdGenerator {
  const random = mulberry32(seed);
  const nextUlid = monotonicFactory(random);
  // Without a clock, every id carries one fixed instant (2023-01-01, the Beta's year); monotonicity keeps them ordered.
  const time = (): number => (clock === undefined ? FIXED_EPOCH : Date.parse(clock.now()));
  return {
    ulid: () => nextUlid(time()),
    executionId: () => {
      let hex = "";
      for (let i = 0; i < 4; i += 1)
        hex += Math.floor(random() * 0x1_0000_0000)
          .toString(16)
          .padStart(8, "0");
      return hex;
    },
  };
}
