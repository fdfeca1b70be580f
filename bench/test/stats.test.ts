import { describe, expect, it } from "vitest";
import { median, percentileSorted } from "../src/harness/stats.js";
import { parseBenchArgs, BenchArgsError } from "../src/cli-args.js";
import { heapGrowth } from "../src/soak/soak.js";

describe("bench statistics", () => {
  it("takes medians of odd and even counts and refuses an empty list", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it("takes nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileSorted(sorted, 50)).toBe(50);
    expect(percentileSorted(sorted, 99)).toBe(99);
    expect(percentileSorted([7], 99)).toBe(7);
  });

  it("calls memory flat when the last third's heap matches the middle third's (after warm-up), and not when it doubles", () => {
    const windows = (heaps: number[]) =>
      heaps.map((heapUsedBytes, i) => ({
        atSeconds: i * 10,
        commandsPerSecond: 1,
        p50Ms: 1,
        p99Ms: 1,
        errors: 0,
        heapUsedBytes,
        rssBytes: 0,
      }));
    expect(heapGrowth(windows([99, 5, 5, 10, 11, 10, 10, 11, 10]))).toBeCloseTo(1, 1);
    expect(heapGrowth(windows([5, 6, 7, 10, 10, 10, 20, 20, 20]))).toBeCloseTo(2, 1);
  });
});

describe("bench arguments", () => {
  it("accepts pnpm's forwarded '--' and the documented flags", () => {
    expect(parseBenchArgs(["--", "--quick", "--only", "replay,limits"])).toMatchObject({
      quick: true,
      only: ["replay", "limits"],
      soak: false,
    });
    expect(parseBenchArgs(["--soak", "--minutes", "2"])).toMatchObject({ soak: true, minutes: 2 });
  });

  it("rejects unknown flags, groups and bad durations with a typed error", () => {
    expect(() => parseBenchArgs(["--fast"])).toThrow(BenchArgsError);
    expect(() => parseBenchArgs(["--only", "everything"])).toThrow(/unknown workload group/);
    expect(parseBenchArgs(["--stores", "sqlite,postgres"])).toMatchObject({ stores: ["sqlite", "postgres"] });
    expect(() => parseBenchArgs(["--stores", "mysql"])).toThrow(/unknown store/);
    expect(() => parseBenchArgs(["--minutes", "0"])).toThrow(/positive number/);
    expect(() => parseBenchArgs(["--minutes", "soon"])).toThrow(/positive number/);
  });
});
