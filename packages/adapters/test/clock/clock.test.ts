import { describe, expect, it } from "vitest";
import { createFixedClock, createSteppingClock, createSystemClock } from "@cloud-ledger/adapters/clock";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe("clocks", () => {
  it("the system clock reads the wall clock as ISO-8601 UTC", () => {
    const before = Date.now();
    const reading = createSystemClock().now();
    const after = Date.now();
    expect(reading).toMatch(ISO_UTC);
    expect(Date.parse(reading)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(reading)).toBeLessThanOrEqual(after);
  });

  it("the system clock follows the wall clock across milliseconds (the per-millisecond text is never stale)", async () => {
    const clock = createSystemClock();
    let previous = clock.now();
    for (let i = 0; i < 5; i += 1) {
      const start = Date.now();
      while (Date.now() === start) await Promise.resolve();
      const reading = clock.now();
      expect(Date.parse(reading)).toBeGreaterThan(Date.parse(previous));
      expect(Date.parse(reading)).toBeGreaterThanOrEqual(start + 1);
      previous = reading;
    }
  });

  it("a fixed clock stays put until set or advanced", () => {
    const clock = createFixedClock("2023-06-01T12:00:00Z");
    expect(clock.now()).toBe("2023-06-01T12:00:00.000Z");
    expect(clock.now()).toBe("2023-06-01T12:00:00.000Z");
    clock.advance(90_000);
    expect(clock.now()).toBe("2023-06-01T12:01:30.000Z");
    clock.set(new Date("2024-01-01T00:00:00Z"));
    expect(clock.now()).toBe("2024-01-01T00:00:00.000Z");
  });

  it("a stepping clock moves after each reading", () => {
    const clock = createSteppingClock("2023-06-01T00:00:00Z", 250);
    expect([clock.now(), clock.now(), clock.now()]).toEqual([
      "2023-06-01T00:00:00.000Z",
      "2023-06-01T00:00:00.250Z",
      "2023-06-01T00:00:00.500Z",
    ]);
  });

  it("rejects an unreadable start time or a negative step", () => {
    expect(() => createFixedClock("yesterday-ish")).toThrow(/Not a valid time: 'yesterday-ish'/);
    expect(() => createSteppingClock("2023-01-01T00:00:00Z", -1)).toThrow(/non-negative/);
  });
});
