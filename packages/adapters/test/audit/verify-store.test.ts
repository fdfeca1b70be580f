import { afterAll, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import type { EventStore, NewEvent } from "@cloud-ledger/domain";
import { GENESIS_HASH, hashEvent, verifyStore } from "@cloud-ledger/domain";
import type { VerifyProgress } from "@cloud-ledger/domain";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { tempFolder } from "../sqlite/temp-folder.js";

const temp = tempFolder("audit");
afterAll(() => temp.remove());
let counter = 0;
let path = "";
let store: EventStore;

/** Three interleaved streams of five events each, correctly chained. */
async function seed(target: EventStore): Promise<void> {
  const streams = ["org-a", "org-b", "org-c"];
  const chains = new Map(streams.map((s) => [s, sampleEvents(s, 5, { data: (i) => ({ step: i, stream: s }) })]));
  for (let i = 0; i < 5; i += 1) {
    for (const s of streams) await target.append(s, [chains.get(s)![i]!], { expectedVersion: i });
  }
}

/** Runs SQL against the store's file behind its back, as an attacker with file access would. */
function tamper(sql: string, ...params: unknown[]): void {
  const raw = new Database(path);
  try {
    if (params.length === 0) raw.exec(sql);
    else raw.prepare(sql).run(...params);
  } finally {
    raw.close();
  }
}

function positionOf(stream: string, version: number): number {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare("SELECT position FROM events WHERE stream = ? AND version = ?").pluck().get(stream, version) as number;
  } finally {
    raw.close();
  }
}

/** Makes room in the global order (positions x10), shifts org-a's versions from 3 up and inserts `event` as version 3. */
function insertAsVersion3(event: NewEvent): void {
  tamper(`UPDATE events SET position = -position * 10; UPDATE events SET position = -position;
          UPDATE events SET version = -version - 1 WHERE stream = 'org-a' AND version >= 3;
          UPDATE events SET version = -version WHERE stream = 'org-a' AND version < 0`);
  tamper(
    "INSERT INTO events (position, stream, version, event_id, type, schema_version, data, metadata, hash) VALUES (?, " +
      "'org-a', 3, ?, ?, ?, ?, ?, ?)",
    positionOf("org-a", 2) + 5,
    event.eventId,
    event.type,
    event.schemaVersion,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
    event.hash,
  );
}

describe("verifyStore", () => {
  beforeEach(async () => {
    counter += 1;
    path = temp.path(`audit-${counter}.db`);
    store = openSqliteEventStore({ path, synchronous: "NORMAL" });
    await seed(store);
    return () => store.close();
  });

  it("accepts an untouched store and reports counts and progress", async () => {
    const progress: VerifyProgress[] = [];
    const result = await verifyStore(store, { pageSize: 4, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ ok: true, events: 15, streams: 3, position: 15 });
    expect(progress.map((p) => p.events)).toEqual([4, 8, 12, 15]);
    expect(progress.at(-1)).toEqual({ events: 15, streams: 3, position: 15 });
  });

  it("accepts an empty store", async () => {
    expect(await verifyStore(createMemoryEventStore())).toEqual({ ok: true, events: 0, streams: 0, position: 0 });
  });

  it("names the edited event", async () => {
    tamper(`UPDATE events SET data = '{"step":2,"stream":"org-b","amount":1000000}' WHERE stream = 'org-b' AND version = 3`);
    const result = await verifyStore(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "hash-mismatch", streamName: "org-b", version: 3 } });
  });

  it("names an edit to the metadata or the type", async () => {
    tamper(`UPDATE events SET metadata = json_set(metadata, '$.actor', 'github:intruder') WHERE stream = 'org-c' AND version = 4`);
    expect(await verifyStore(store)).toMatchObject({ ok: false, fault: { kind: "hash-mismatch", streamName: "org-c", version: 4 } });
  });

  it("names the deleted event", async () => {
    tamper(`DELETE FROM events WHERE stream = 'org-a' AND version = 2`);
    expect(await verifyStore(store)).toMatchObject({
      ok: false,
      fault: { kind: "version-gap", streamName: "org-a", version: 2, found: 3 },
    });
  });

  it("names the first of two reordered events", async () => {
    const [second, third] = [positionOf("org-b", 2), positionOf("org-b", 3)];
    tamper(`UPDATE events SET position = -1 WHERE position = ${second};
            UPDATE events SET position = ${second} WHERE position = ${third};
            UPDATE events SET position = ${third} WHERE position = -1`);
    expect(await verifyStore(store)).toMatchObject({
      ok: false,
      fault: { kind: "version-gap", streamName: "org-b", version: 2, found: 3 },
    });
  });

  it("names a naively inserted forgery", async () => {
    const [forged] = sampleEvents("org-a", 1, { data: () => ({ refund: 1_000_000 }) });
    insertAsVersion3(forged!);
    expect(await verifyStore(store)).toMatchObject({ ok: false, fault: { kind: "hash-mismatch", streamName: "org-a", version: 3 } });
  });

  it("names the event after a forgery whose link the forger recomputed", async () => {
    const [original] = await store.readStream("org-a", { fromVersion: 2, limit: 1 });
    const [forged] = sampleEvents("org-a", 1, { data: () => ({ refund: 1_000_000 }), after: { version: 2, hash: original!.hash } });
    insertAsVersion3(forged!);
    const [reread] = await store.readStream("org-a", { fromVersion: 3, limit: 1 });
    expect(reread!.hash).toBe(hashEvent(original!.hash, { ...forged!, streamName: "org-a", version: 3 }));
    expect(await verifyStore(store)).toMatchObject({ ok: false, fault: { kind: "hash-mismatch", streamName: "org-a", version: 4 } });
  });

  it("names an event whose global position does not ascend (a store breaking the port)", async () => {
    const all = await store.readAll();
    const shuffled = [all[0]!, all[2]!, all[1]!];
    const broken = { readAll: ({ after = 0 } = {}) => Promise.resolve(after === 0 ? shuffled : []) };
    expect(await verifyStore(broken)).toMatchObject({
      ok: false,
      fault: { kind: "position-order", streamName: all[1]!.streamName, version: all[1]!.version, globalPosition: 2, previousPosition: 3 },
    });
  });

  it("reports an undecodable row as a corrupt fault with its location", async () => {
    tamper(`UPDATE events SET metadata = 'not json' WHERE stream = 'org-c' AND version = 5`);
    expect(await verifyStore(store)).toMatchObject({ ok: false, fault: { kind: "corrupt", streamName: "org-c", version: 5 } });
  });

  it("names an event that reuses another event's id, with both positions, even when its chain holds", async () => {
    const [first] = await store.readStream("org-b", { fromVersion: 1, limit: 1 });
    const [copy] = sampleEvents("org-d", 1);
    const reused = { ...copy!, eventId: first!.eventId };
    await store.append("org-d", [{ ...reused, hash: hashEvent(GENESIS_HASH, { ...reused, streamName: "org-d", version: 1 }) }], {
      expectedVersion: 0,
    });
    const result = await verifyStore(store, { pageSize: 4 });
    expect(result).toMatchObject({
      ok: false,
      fault: {
        kind: "duplicate-event-id",
        streamName: "org-d",
        version: 1,
        eventId: first!.eventId,
        globalPosition: 16,
        firstPosition: first!.globalPosition,
      },
    });
  });
});
