import { describe, expect, it } from "vitest";
import { createScaledClock } from "@cloud-ledger/adapters/clock";

describe("the scaled clock (demos and tests of the scheduler)", () => {
  it("reads `start` at the anchor and runs `speed` times real time from it, the same in every process given the anchor", () => {
    let real = 1_000_000;
    const options = { start: "2024-01-01T00:00:00.000Z", speed: 3_600, anchorMs: 1_000_000, realNow: () => real };
    const one = createScaledClock(options);
    expect(one.now()).toBe("2024-01-01T00:00:00.000Z");
    real += 1_000;
    expect(one.now()).toBe("2024-01-01T01:00:00.000Z");
    // Another process started later with the same anchor reads the same instant.
    expect(createScaledClock(options).now()).toBe("2024-01-01T01:00:00.000Z");
  });

  it("refuses a start that is not a time and a speed that is not positive", () => {
    expect(() => createScaledClock({ start: "soon", speed: 1 })).toThrow(RangeError);
    expect(() => createScaledClock({ start: "2024-01-01T00:00:00Z", speed: 0 })).toThrow(RangeError);
    expect(() => createScaledClock({ start: "2024-01-01T00:00:00Z", speed: Number.NaN })).toThrow(RangeError);
  });
});
