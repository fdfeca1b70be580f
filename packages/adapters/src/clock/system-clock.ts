import type { Clock } from "@cloud-ledger/domain";

/**
 * The wall clock, in UTC, with millisecond precision. A busy service stamps many events per millisecond: the text of
 * the current millisecond is kept, so only a new millisecond costs a Date and its formatting.
 */
export function createSystemClock(): Clock {
  let lastMs = Number.NaN;
  let lastText = "";
  return {
    now: () => {
      const ms = Date.now();
      if (ms !== lastMs) {
        lastMs = ms;
        lastText = new Date(ms).toISOString();
      }
      return lastText;
    },
  };
}
