import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CheckpointStore } from "@cloud-ledger/domain";
import { ProjectionConfigError, createProjectionRunner } from "../../src/index.js";
import { createTestCheckpointStore, createTestEventStore } from "../support/memory-store.js";
import { sumProjection, tick, tickDecoder } from "../support/counter.js";

/** A checkpoint store that also records the position of every save, in order. */
function recordingCheckpoints(): CheckpointStore & { readonly positions: number[] } {
  const inner = createTestCheckpointStore();
  const positions: number[] = [];
  return {
    ...inner,
    save(name, snapshot) {
      positions.push(snapshot.position);
      return inner.save(name, snapshot);
    },
    positions,
  };
}

async function logOf(events: number) {
  const store = createTestEventStore();
  for (let i = 1; i <= events; i += 50) {
    const batch = Array.from({ length: Math.min(50, events - i + 1) }, (_, k) => tick(i + k));
    await store.append("s-1", batch, { expectedVersion: "any" });
  }
  return store;
}

describe("projection runner: checkpoint cadence", () => {
  it("spaces saves in proportion to the position last saved, so a long catch-up writes O(log n) states", async () => {
    const store = await logOf(1000);
    const checkpoints = recordingCheckpoints();
    const runner = await createProjectionRunner({
      store,
      checkpoints,
      decoder: tickDecoder,
      projections: [sumProjection()],
      pageSize: 10,
      checkpointEvery: 10,
      checkpointGrowth: 0.5,
    });
    await runner.catchUp({ flush: false });
    // Each save comes at the first page boundary where the unsaved events reach max(10, half the last saved position).
    expect(checkpoints.positions).toEqual([10, 20, 30, 50, 80, 120, 180, 270, 410, 620, 930]);
    expect(runner.status()[0]?.unsavedEvents).toBe(70);
    await runner.flush();
    expect(checkpoints.positions.at(-1)).toBe(1000);
  });

  it("saves every checkpointEvery events with growth 0, and keeps that interval while the log is short", async () => {
    const store = await logOf(100);
    const fixed = recordingCheckpoints();
    const base = { store, decoder: tickDecoder, projections: [sumProjection()], pageSize: 10, checkpointEvery: 20 };
    await (await createProjectionRunner({ ...base, checkpoints: fixed, checkpointGrowth: 0 })).catchUp({ flush: false });
    expect(fixed.positions).toEqual([20, 40, 60, 80, 100]);
    // Default growth (0.25): the interval stays checkpointEvery until the saved position passes 4 × checkpointEvery.
    const defaults = recordingCheckpoints();
    await (await createProjectionRunner({ ...base, checkpoints: defaults })).catchUp({ flush: false });
    expect(defaults.positions).toEqual([20, 40, 60, 80, 100]);
  });

  it("grows from the resumed checkpoint's position, not from zero", async () => {
    const store = await logOf(600);
    const first = recordingCheckpoints();
    const options = { store, decoder: tickDecoder, projections: [sumProjection()], pageSize: 10, checkpointEvery: 10, checkpointGrowth: 1 };
    const runner = await createProjectionRunner({ ...options, checkpoints: first });
    await runner.catchUp({ flush: false });
    expect(first.positions).toEqual([10, 20, 40, 80, 160, 320]);
    const resumed = await createProjectionRunner({ ...options, checkpoints: first });
    expect(resumed.status()[0]).toMatchObject({ loaded: "resumed", position: 320 });
    await seedMore(store, 601, 700);
    await resumed.catchUp({ flush: false });
    expect(first.positions.slice(6)).toEqual([640]);
  });

  it("a resumed build equals one built in one go, whatever the growth and where the first run stopped", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.constantFrom(0, 0.25, 1, 3),
        fc.integer({ min: 1, max: 15 }),
        async (cut, more, growth, every) => {
          const store = await logOf(cut);
          const checkpoints = recordingCheckpoints();
          const sum = sumProjection();
          const options = {
            store,
            checkpoints,
            decoder: tickDecoder,
            projections: [sum],
            pageSize: 7,
            checkpointEvery: every,
            checkpointGrowth: growth,
          };
          await (await createProjectionRunner(options)).catchUp({ flush: false });
          await seedMore(store, cut + 1, cut + more);
          const resumed = await createProjectionRunner(options);
          await resumed.catchUp();
          const oneGo = await createProjectionRunner({ ...options, checkpoints: createTestCheckpointStore() });
          await oneGo.catchUp();
          expect(sum.toJson(resumed.stateOf(sum))).toEqual(sum.toJson(oneGo.stateOf(sum)));
          expect(resumed.position()).toBe(cut + more);
          // Saved positions only ever move forward.
          expect([...checkpoints.positions].sort((a, b) => a - b)).toEqual(checkpoints.positions);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses a negative, infinite or non-numeric growth", async () => {
    const base = {
      store: createTestEventStore(),
      checkpoints: createTestCheckpointStore(),
      decoder: tickDecoder,
      projections: [sumProjection()],
    };
    for (const checkpointGrowth of [-0.5, Number.POSITIVE_INFINITY, Number.NaN]) {
      await expect(createProjectionRunner({ ...base, checkpointGrowth })).rejects.toThrow(ProjectionConfigError);
    }
  });
});

async function seedMore(store: ReturnType<typeof createTestEventStore>, from: number, to: number) {
  for (let i = from; i <= to; i++) await store.append("s-1", [tick(i)], { expectedVersion: "any" });
}
