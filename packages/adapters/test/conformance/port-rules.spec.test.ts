import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { CorruptEventError, InvalidEventError, WrongExpectedVersionError, type EventStore, type RecordedEvent } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { tempFolder } from "../sqlite/temp-folder.js";

// The event-store port's contract (packages/domain/src/ports/event-store.ts), one case per numbered port rule, on
// the in-process stores. The full conformance suite (packages/adapters/src/conformance) covers every store in depth.

const temp = tempFolder("port-rules");
afterAll(() => temp.remove());

let files = 0;
const stores: readonly [string, () => EventStore][] = [
  ["memory", () => createMemoryEventStore()],
  ["sqlite", () => openSqliteEventStore({ path: temp.path(`store-${(files += 1)}.db`) })],
];

describe.each(stores)("the port contract on %s", (_name, open) => {
  it("port rule 1: given an empty store, then a stream starts at version 1 and positions start at 1 and grow", async () => {
    const store = open();
    expect(await store.streamVersion("a")).toBe(0);
    await store.append("a", sampleEvents("a", 2), { expectedVersion: "no_stream" });
    await store.append("b", sampleEvents("b", 1), { expectedVersion: "no_stream" });
    const all = await store.readAll();
    expect(all.map((event) => [event.streamName, event.version, event.globalPosition])).toEqual([
      ["a", 1, 1],
      ["a", 2, 2],
      ["b", 1, 3],
    ]);
    await store.close();
  });

  it("port rule 2: given a stale expected version, then the whole append is refused naming stream, expected and actual", async () => {
    const store = open();
    await store.append("a", sampleEvents("a", 2), { expectedVersion: "no_stream" });
    const stale = store.append("a", sampleEvents("a", 3, { after: { version: 1, hash: "x" } }), { expectedVersion: 1 });
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(stale).rejects.toMatchObject({ streamName: "a", expected: 1, actual: 2 });
    await expect(store.append("new", sampleEvents("new", 1), { expectedVersion: "stream_exists" })).rejects.toMatchObject({ actual: 0 });
    expect(await store.streamVersion("a")).toBe(2);
    await store.close();
  });

  it("port rule 3: given bounds, then versions are inclusive both ways and readAll's `after` is exclusive", async () => {
    const store = open();
    await store.append("a", sampleEvents("a", 5), { expectedVersion: "no_stream" });
    const versions = (events: readonly RecordedEvent[]) => events.map((event) => event.version);
    expect(versions(await store.readStream("a", { fromVersion: 2, toVersion: 4 }))).toEqual([2, 3, 4]);
    expect(versions(await store.readStream("a", { direction: "backwards", fromVersion: 4, limit: 2 }))).toEqual([4, 3]);
    expect(versions(await store.readStream("a", { direction: "backwards", limit: 1 }))).toEqual([5]);
    expect((await store.readAll({ after: 3, limit: 10 })).map((event) => event.globalPosition)).toEqual([4, 5]);
    await store.close();
  });

  it("port rule 4: given a reader polling from the last position it saw during concurrent appends, then it skips nothing", async () => {
    const store = open();
    const writeFive = async (stream: string): Promise<void> => {
      for (let i = 0; i < 5; i++)
        await store.append(stream, sampleEvents(stream, 1, i === 0 ? {} : { after: { version: i, hash: "x" } }), {
          expectedVersion: "any",
        });
    };
    const writes = Promise.all(["a", "b", "c", "d"].map(writeFive));
    const seen: number[] = [];
    let done = false;
    void writes.then(() => (done = true));
    for (let polls = 0; polls < 100_000 && (!done || seen.length < 20); polls++) {
      const page = await store.readAll({ after: seen.at(-1) ?? 0, limit: 3 });
      seen.push(...page.map((event) => event.globalPosition));
      if (page.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await writes;
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await store.close();
  });

  it("port rule 5: given a batch with one invalid event, then none of the batch is stored", async () => {
    const store = open();
    const batch = sampleEvents("a", 4).map((event, i) => (i === 3 ? { ...event, data: { broken: Number.NaN } } : event));
    await expect(store.append("a", batch, { expectedVersion: "any" })).rejects.toBeInstanceOf(InvalidEventError);
    expect(await store.streamVersion("a")).toBe(0);
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });

  it("port rule 6: given events appended by a command, then each one keeps that command id in its metadata", async () => {
    const store = open();
    await store.append("a", sampleEvents("a", 3, { commandId: "cmd-42" }), { expectedVersion: "no_stream" });
    expect((await store.readStream("a")).map((event) => event.metadata.commandId)).toEqual(["cmd-42", "cmd-42", "cmd-42"]);
    await store.close();
  });
});

describe("the port contract on a stored row", () => {
  it("port rule 7: given a row whose data is no longer JSON, then reading it is a CorruptEventError naming it", async () => {
    const path = temp.path("corrupt.db");
    const store = openSqliteEventStore({ path });
    await store.append("a", sampleEvents("a", 3), { expectedVersion: "no_stream" });
    const raw = new Database(path);
    raw.prepare("UPDATE events SET data = '{\"broken\": tru' WHERE version = 2").run();
    raw.close();
    const read = store.readStream("a");
    await expect(read).rejects.toBeInstanceOf(CorruptEventError);
    await expect(read).rejects.toMatchObject({ streamName: "a", version: 2 });
    await store.close();
  });
});
