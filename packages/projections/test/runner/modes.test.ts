import { describe, expect, it, vi } from "vitest";
import { AsOfError, createProjectionRunner, replay, stateAsOf, withInlineProjections } from "../../src/index.js";
import { createTestCheckpointStore, createTestEventStore } from "../support/memory-store.js";
import { countProjection, sumProjection, tick, tickDecoder } from "../support/counter.js";

describe("inline mode", () => {
  it("an append through the wrapper returns with the projections already updated", async () => {
    const store = createTestEventStore();
    const sum = sumProjection();
    const runner = await createProjectionRunner({
      store,
      checkpoints: createTestCheckpointStore(),
      decoder: tickDecoder,
      projections: [sum],
    });
    const inline = withInlineProjections(store, runner);
    await inline.append("s-1", [tick(1), tick(2)], { expectedVersion: "no_stream" });
    expect(runner.stateOf(sum).total).toBe(3);
    expect(runner.position()).toBe(2);
    const reads = store.readAllCalls;
    await inline.append("s-1", [tick(3)], { expectedVersion: 2 });
    expect(runner.stateOf(sum).total).toBe(6);
    expect(store.readAllCalls).toBe(reads); // folded from memory, no read back
  });

  it("catches up from the store when another writer appended in between", async () => {
    const store = createTestEventStore();
    const sum = sumProjection();
    const runner = await createProjectionRunner({
      store,
      checkpoints: createTestCheckpointStore(),
      decoder: tickDecoder,
      projections: [sum],
    });
    const inline = withInlineProjections(store, runner);
    await inline.append("s-1", [tick(1)], { expectedVersion: "any" });
    await store.append("s-2", [tick(10)], { expectedVersion: "any" }); // not through the wrapper
    await inline.append("s-1", [tick(100)], { expectedVersion: 1 });
    expect(runner.stateOf(sum).total).toBe(111);
    expect([...runner.stateOf(sum).perStream]).toEqual([
      ["s-1", 101],
      ["s-2", 10],
    ]);
  });

  it("a rejected append changes nothing", async () => {
    const store = createTestEventStore();
    const count = countProjection();
    const runner = await createProjectionRunner({
      store,
      checkpoints: createTestCheckpointStore(),
      decoder: tickDecoder,
      projections: [count],
    });
    const inline = withInlineProjections(store, runner);
    await expect(inline.append("s-1", [tick(1)], { expectedVersion: 3 })).rejects.toThrow("Wrong expected version");
    expect(runner.stateOf(count)).toBe(0);
    expect(inline.name).toBe(store.name);
  });
});

describe("async mode", () => {
  it("polls new events in, saves when idle, and stop() leaves no timer behind", async () => {
    const store = createTestEventStore();
    const checkpoints = createTestCheckpointStore();
    const sum = sumProjection();
    const runner = await createProjectionRunner({ store, checkpoints, decoder: tickDecoder, projections: [sum], checkpointEvery: 1000 });
    const errors: unknown[] = [];
    runner.start({ intervalMs: 5, onError: (e) => errors.push(e) });
    expect(runner.polling).toBe(true);
    expect(() => runner.start()).toThrow("already polling");
    for (let i = 1; i <= 5; i++) await store.append("s-1", [tick(i)], { expectedVersion: "any" });
    await vi.waitFor(() => expect(checkpoints.snapshots.get("sum")?.position).toBe(5), { timeout: 2000, interval: 5 });
    expect(runner.stateOf(sum).total).toBe(15);
    await runner.stop();
    expect(runner.polling).toBe(false);
    const reads = store.readAllCalls;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(store.readAllCalls).toBe(reads); // nothing polls after stop
    expect(errors).toEqual([]);
    runner.start({ intervalMs: 5 }); // can start again after a stop
    await runner.stop();
  });

  it("a failing poll stops the loop and reports the error", async () => {
    const store = createTestEventStore();
    const runner = await createProjectionRunner({
      store,
      checkpoints: createTestCheckpointStore(),
      decoder: tickDecoder,
      projections: [sumProjection()],
    });
    await store.append("s-1", [{ ...tick(1), type: "Mystery" }], { expectedVersion: "any" });
    const errors: unknown[] = [];
    runner.start({ intervalMs: 5, onError: (e) => errors.push(e) });
    await vi.waitFor(() => expect(runner.polling).toBe(false), { timeout: 2000, interval: 5 });
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toContain("Cannot decode event at stream 's-1' version 1");
    await runner.stop();
  });
});

describe("time travel", () => {
  it("replays as of a global position or as of a time", async () => {
    const store = createTestEventStore();
    for (let i = 1; i <= 10; i++) await store.append("s-1", [tick(i)], { expectedVersion: "any" });
    const sum = sumProjection();
    expect((await stateAsOf(store, tickDecoder, sum, { position: 4 })).total).toBe(10);
    expect((await stateAsOf(store, tickDecoder, sum, { position: 0 })).total).toBe(0);
    expect((await stateAsOf(store, tickDecoder, sum)).total).toBe(55);
    // tick(i) occurred at 2023-01-01T00:00:0i
    expect((await stateAsOf(store, tickDecoder, sum, { occurredAt: "2023-01-01T00:00:03Z" })).total).toBe(6);
    expect((await stateAsOf(store, tickDecoder, sum, { occurredAt: "2023-01-01T01:00:03+01:00" })).total).toBe(6);
    const result = await replay(store, tickDecoder, [sum, countProjection()], { asOf: { position: 7 }, pageSize: 3 });
    expect(result).toMatchObject({ position: 7, events: 7 });
    expect(result.states.get("count")).toBe(7);
  });

  it("as of a time is the prefix of the log up to the first later event", async () => {
    const store = createTestEventStore();
    await store.append("s", [tick(1, "Added", 1, "2023-01-01T00:00:01Z")], { expectedVersion: "any" });
    await store.append("s", [tick(2, "Added", 2, "2023-01-01T00:00:05Z")], { expectedVersion: "any" });
    await store.append("s", [tick(3, "Added", 4, "2023-01-01T00:00:02Z")], { expectedVersion: "any" });
    expect((await stateAsOf(store, tickDecoder, sumProjection(), { occurredAt: "2023-01-01T00:00:03Z" })).total).toBe(1);
  });

  it("rejects malformed bounds with AsOfError", async () => {
    const store = createTestEventStore();
    await expect(stateAsOf(store, tickDecoder, sumProjection(), { position: -1 })).rejects.toThrow(AsOfError);
    await expect(stateAsOf(store, tickDecoder, sumProjection(), { occurredAt: "yesterday" })).rejects.toThrow(
      "As-of time must be an ISO-8601 instant",
    );
    await expect(stateAsOf(store, tickDecoder, sumProjection(), { occurredAt: "2023-01-01T00:00:00" })).rejects.toThrow(AsOfError);
  });
});
