import { describe, expect, it } from "vitest";
import { createAppendQueue, type AppendUnit, type UnitOutcome } from "../../src/append-plan/index.js";

/** A writer that records each batch's size and answers every unit with one result. */
function recordingWriter(sizes: number[], delay: "sync" | "io") {
  return async (units: readonly AppendUnit[]): Promise<readonly UnitOutcome[]> => {
    sizes.push(units.length);
    if (delay === "io") await new Promise((resolve) => setTimeout(resolve, 2));
    return units.map(() => ({ ok: true, results: [{ nextExpectedVersion: 1 }] }));
  };
}

async function writers(submit: (unit: AppendUnit) => Promise<unknown>, count: number, rounds: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, w) => {
      for (let round = 0; round < rounds; round += 1) {
        await submit([{ streamName: `s-${w}`, events: [], expectedVersion: "any" }]);
        // Some awaits between appends, as a store's async wrapper and a command's own work have.
        for (let hop = 0; hop < 5; hop += 1) await Promise.resolve();
      }
    }),
  );
}

describe("group commit queue", () => {
  it.each<["sync" | "io"]>([["sync"], ["io"]])("a %s driver: 8 writers appending in a loop share one batch per round", async (delay) => {
    const sizes: number[] = [];
    const queue = createAppendQueue(recordingWriter(sizes, delay));
    await writers((unit) => queue.submit(unit), 8, 10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(80);
    expect(sizes).toEqual(new Array<number>(10).fill(8));
  });

  it("a failing batch is written again unit by unit, so one unit's error stays its own", async () => {
    const calls: number[] = [];
    const queue = createAppendQueue((units) => {
      calls.push(units.length);
      if (units.some((u) => u[0]?.streamName === "bad")) return Promise.reject(new Error("disk on fire"));
      return Promise.resolve(units.map(() => ({ ok: true as const, results: [{ nextExpectedVersion: 1 }] })));
    });
    const unit = (streamName: string): AppendUnit => [{ streamName, events: [], expectedVersion: "any" }];
    const outcomes = await Promise.allSettled([queue.submit(unit("a")), queue.submit(unit("bad")), queue.submit(unit("c"))]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(calls).toEqual([3, 1, 1, 1]);
    await queue.drain();
  });
});
