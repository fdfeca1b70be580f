import { describe, expect, it } from "vitest";
import {
  CatchUpTimeoutError,
  ProjectionApplyError,
  ProjectionConfigError,
  ProjectionDecodeError,
  createProjectionRunner,
  stateAsOf,
  type Projection,
} from "../../src/index.js";
import { createTestCheckpointStore, createTestEventStore } from "../support/memory-store.js";
import { countProjection, sumProjection, tick, tickDecoder, type SumState, type Tick } from "../support/counter.js";

async function seed(store: ReturnType<typeof createTestEventStore>, from: number, to: number, stream = "s-1") {
  for (let i = from; i <= to; i++) await store.append(stream, [tick(i)], { expectedVersion: "any" });
}
const sumTo = (n: number) => (n * (n + 1)) / 2;

describe("projection runner: catch-up with checkpoints", () => {
  it("catches up from zero, saves position and state together, and resumes from the checkpoint", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    await seed(store, 1, 25);
    const sum = sumProjection();
    const runner = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [sum], pageSize: 10 });
    expect(await runner.catchUp()).toEqual({ events: 25, position: 25 });
    expect(runner.stateOf(sum).total).toBe(sumTo(25));
    expect(checkpoints.snapshots.get("sum")).toEqual({
      position: 25,
      state: { projectionVersion: 1, state: { total: sumTo(25), perStream: [["s-1", sumTo(25)]] } },
    });

    await seed(store, 26, 30);
    const reopened = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [sum], pageSize: 10 });
    expect(reopened.status()[0]).toMatchObject({ loaded: "resumed", position: 25 });
    const calls = store.readAllCalls;
    expect(await reopened.catchUp()).toEqual({ events: 5, position: 30 });
    expect(store.readAllCalls - calls).toBe(1);
    expect(reopened.stateOf(sum).total).toBe(sumTo(30));
  });

  it("saves every `checkpointEvery` events at page boundaries, and not at all with flush: false below it", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    await seed(store, 1, 40);
    const runner = await createProjectionRunner({
      store,
      checkpoints,
      decoder: tickDecoder,
      projections: [sumProjection()],
      pageSize: 10,
      checkpointEvery: 20,
    });
    await runner.catchUp({ flush: false });
    expect(checkpoints.saves.get("sum")).toBe(2);
    expect(checkpoints.snapshots.get("sum")?.position).toBe(40);
    await seed(store, 41, 45);
    await runner.catchUp({ flush: false });
    expect(checkpoints.snapshots.get("sum")?.position).toBe(40);
    expect(runner.status()[0]?.unsavedEvents).toBe(5);
    await runner.flush();
    expect(checkpoints.snapshots.get("sum")?.position).toBe(45);
  });

  it("a projection version bump discards the old checkpoint and rebuilds from zero", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    await seed(store, 1, 10);
    const v1 = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [sumProjection("sum", 1)] });
    await v1.catchUp();
    const v2sum = sumProjection("sum", 2);
    const v2 = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [v2sum] });
    expect(v2.status()[0]).toMatchObject({ loaded: "version-changed", position: 0 });
    expect(checkpoints.snapshots.has("sum")).toBe(false);
    await v2.catchUp();
    expect(v2.stateOf(v2sum).total).toBe(sumTo(10));
    expect(checkpoints.snapshots.get("sum")?.state).toMatchObject({ projectionVersion: 2 });
  });

  it("an unreadable checkpoint is discarded, never served", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    await seed(store, 1, 3);
    checkpoints.snapshots.set("sum", { position: 2, state: "garbage" });
    const sum = sumProjection();
    const runner = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [sum] });
    expect(runner.status()[0]?.loaded).toBe("unreadable");
    await runner.catchUp();
    expect(runner.stateOf(sum).total).toBe(6);
  });

  it("rebuild replays one projection from zero and leaves the others alone", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    await seed(store, 1, 12);
    const sum = sumProjection();
    const count = countProjection();
    const runner = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [sum, count] });
    await runner.catchUp();
    const reads = store.readAllCalls;
    expect(await runner.rebuild("sum")).toEqual({ events: 12, position: 12 });
    expect(store.readAllCalls).toBeGreaterThan(reads);
    expect(runner.stateOf(sum).total).toBe(sumTo(12));
    expect(runner.stateOf(count)).toBe(12);
    await expect(runner.rebuild("nope")).rejects.toThrow(ProjectionConfigError);
  });

  it("a rebuild that fails leaves the previous state and checkpoint in place", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    await seed(store, 1, 6);
    const base = sumProjection();
    let failing = false;
    const flaky: Projection<SumState, Tick> = {
      ...base,
      apply(state, event, recorded) {
        if (failing && recorded.globalPosition === 4) throw new Error("bad day");
        return base.apply(state, event, recorded);
      },
    };
    const runner = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [flaky], pageSize: 2 });
    await runner.catchUp();
    const before = runner.stateOf(flaky);
    const saved = checkpoints.snapshots.get("sum");
    failing = true;
    await expect(runner.rebuild()).rejects.toThrow(ProjectionApplyError);
    expect(runner.stateOf(flaky)).toBe(before);
    expect(before.total).toBe(sumTo(6));
    expect(checkpoints.snapshots.get("sum")).toEqual(saved);
    failing = false;
    await runner.rebuild();
    expect(runner.stateOf(flaky)).not.toBe(before);
    expect(runner.stateOf(flaky).total).toBe(sumTo(6));
  });

  it("a throwing apply restores that projection from its checkpoint and names projection, event and position", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    await seed(store, 1, 5);
    const base = sumProjection();
    const fragile: Projection<SumState, Tick> = {
      ...base,
      apply(state, event, recorded) {
        state.total += 1000; // mutated before the throw: must not leak out
        if (event.type === "Added" && event.amount === 7) throw new Error("boom");
        state.total -= 1000;
        return base.apply(state, event, recorded);
      },
    };
    const runner = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [fragile] });
    await runner.catchUp();
    await seed(store, 6, 8);
    const error = await runner.catchUp().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionApplyError);
    expect(error).toMatchObject({ projection: "sum", globalPosition: 7, eventType: "Added" });
    expect(runner.stateOf(fragile).total).toBe(sumTo(5));
    expect(runner.position()).toBe(5);
  });

  it("an undecodable event stops the fold before it with stream and version named", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    await seed(store, 1, 3);
    await store.append("s-2", [{ ...tick(4), type: "Mystery" }], { expectedVersion: "any" });
    await seed(store, 5, 6);
    const sum = sumProjection();
    const runner = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [sum] });
    const error = await runner.catchUp().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionDecodeError);
    expect(error).toMatchObject({ streamName: "s-2", version: 1, globalPosition: 4 });
    expect(runner.position()).toBe(3);
    expect(runner.stateOf(sum).total).toBe(6);
  });

  it("keeps reading when a store returns shorter pages than asked for", async () => {
    const inner = createTestEventStore();
    await seed(inner, 1, 11);
    const store = {
      ...inner,
      readAll: (o?: { after?: number; limit?: number }) => inner.readAll({ ...o, limit: Math.min(o?.limit ?? 3, 3) }),
    };
    const sum = sumProjection();
    const runner = await createProjectionRunner({
      store,
      checkpoints: createTestCheckpointStore(),
      decoder: tickDecoder,
      projections: [sum],
      pageSize: 5,
    });
    expect(await runner.catchUp()).toEqual({ events: 11, position: 11 });
    expect(runner.stateOf(sum).total).toBe(sumTo(11));
    expect(await runner.rebuild()).toEqual({ events: 11, position: 11 });
    expect(runner.stateOf(sum).total).toBe(sumTo(11));
    expect((await stateAsOf(store, tickDecoder, sum)).total).toBe(sumTo(11));
  });

  it("rejects bad configuration with typed errors", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    const base = { store, checkpoints, decoder: tickDecoder };
    await expect(createProjectionRunner({ ...base, projections: [sumProjection(), sumProjection()] })).rejects.toThrow(
      "Two projections are named 'sum'",
    );
    await expect(createProjectionRunner({ ...base, projections: [], pageSize: 0 })).rejects.toThrow(ProjectionConfigError);
    await expect(createProjectionRunner({ ...base, projections: [], checkpointEvery: 1.5 })).rejects.toThrow(ProjectionConfigError);
    const runner = await createProjectionRunner({ ...base, projections: [sumProjection()] });
    expect(() => runner.stateOf(sumProjection())).toThrow("is not registered");
    await expect(runner.waitUntilCaughtUp(-1)).rejects.toThrow(ProjectionConfigError);
  });
});

describe("projection runner: waiting", () => {
  it("waitUntilCaughtUp catches up to the head, and times out with a typed error for a position never written", async () => {
    const store = createTestEventStore();
    const sum = sumProjection();
    const runner = await createProjectionRunner({
      store,
      checkpoints: createTestCheckpointStore(),
      decoder: tickDecoder,
      projections: [sum],
    });
    await seed(store, 1, 4);
    expect(await runner.waitUntilCaughtUp()).toBe(4);
    expect(runner.stateOf(sum).total).toBe(10);
    const error = await runner.waitUntilCaughtUp(9, { timeoutMs: 60, pollIntervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatchUpTimeoutError);
    expect(error).toMatchObject({ target: 9, reached: 4 });
  });

  it("waitUntilCaughtUp resolves once a later append reaches the target", async () => {
    const store = createTestEventStore();
    const sum = sumProjection();
    const runner = await createProjectionRunner({
      store,
      checkpoints: createTestCheckpointStore(),
      decoder: tickDecoder,
      projections: [sum],
    });
    const waiting = runner.waitUntilCaughtUp(3, { timeoutMs: 5000, pollIntervalMs: 5 });
    await seed(store, 1, 3);
    expect(await waiting).toBe(3);
    expect(runner.stateOf(sum).total).toBe(6);
  });
});
