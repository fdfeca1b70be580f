import { describe, expect, it } from "vitest";
import { InvalidEventError, InvalidReadOptionsError, StoreClosedError } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { sampleEvents } from "../../src/conformance/sample-events.js";

describe("memory event store specifics", () => {
  it("returns frozen copies that the caller's later mutations cannot reach", async () => {
    const store = createMemoryEventStore();
    const [event] = sampleEvents("s", 1, { data: () => ({ list: [1, 2] }) });
    if (event === undefined) throw new Error("no event");
    await store.append("s", [event], { expectedVersion: "no_stream" });
    (event.data as { list: number[] }).list.push(3);
    const [read] = await store.readStream("s");
    expect(read?.data).toEqual({ list: [1, 2] });
    expect(Object.isFrozen(read?.data)).toBe(true);
  });

  it("rejects bad input with a typed error and writes nothing", async () => {
    const store = createMemoryEventStore();
    const [good, bad] = sampleEvents("s", 2);
    if (good === undefined || bad === undefined) throw new Error("no event");
    const cases: unknown[] = [
      { ...bad, data: { when: new Date(0) } },
      { ...bad, data: { n: Number.NaN } },
      { ...bad, data: { s: "a\u0000b" } },
      { ...bad, data: { s: "\ud800" } },
      { ...bad, data: { u: undefined } },
      { ...bad, schemaVersion: 0 },
      { ...bad, hash: "xyz" },
      { ...bad, eventId: "" },
      { ...bad, metadata: { ...bad.metadata, actor: 7 } },
      { ...bad, eventId: good.eventId },
    ];
    for (const candidate of cases) {
      await expect(store.append("s", [good, candidate as typeof good], { expectedVersion: "any" })).rejects.toBeInstanceOf(
        InvalidEventError,
      );
    }
    await expect(store.append("", [good], { expectedVersion: "any" })).rejects.toThrow(/stream name must not be empty/);
    await expect(store.append("s", [good], { expectedVersion: -1 })).rejects.toThrow(/expectedVersion must be/);
    await expect(store.append("s", [good], { expectedVersion: 1.5 })).rejects.toBeInstanceOf(InvalidEventError);
    expect(await store.headPosition()).toBe(0);
  });

  it("names the offending event and path", async () => {
    const store = createMemoryEventStore();
    const [first, second] = sampleEvents("s", 2);
    if (first === undefined || second === undefined) throw new Error("no event");
    const events = [first, { ...second, data: { deep: { x: Number.POSITIVE_INFINITY } } }];
    await expect(store.append("s", events, { expectedVersion: "any" })).rejects.toThrow(
      "Invalid event #1 for stream 's': data.deep.x is Infinity, not a finite number",
    );
  });

  it("rejects invalid read options", async () => {
    const store = createMemoryEventStore();
    await expect(store.readStream("s", { limit: -1 })).rejects.toBeInstanceOf(InvalidReadOptionsError);
    await expect(store.readAll({ after: 0.5 })).rejects.toBeInstanceOf(InvalidReadOptionsError);
  });

  it("refuses every call after close", async () => {
    const store = createMemoryEventStore();
    await store.close();
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.append("s", sampleEvents("s", 1), { expectedVersion: "any" })).rejects.toBeInstanceOf(StoreClosedError);
  });
});
