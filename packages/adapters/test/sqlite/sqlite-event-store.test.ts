import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { InvalidEventError, StoreClosedError } from "@cloud-ledger/domain";
import { openSqliteEventStore, SchemaTooNewError } from "@cloud-ledger/adapters/sqlite";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { tempFolder } from "./temp-folder.js";

const temp = tempFolder("sqlite-store");
afterAll(() => temp.remove());

function pragmas(path: string): { journal: unknown; schema: unknown } {
  const raw = new Database(path);
  try {
    return {
      journal: raw.pragma("journal_mode", { simple: true }),
      schema: raw.prepare("SELECT version FROM cloud_ledger_schema WHERE component = 'events'").pluck().get(),
    };
  } finally {
    raw.close();
  }
}

describe("sqlite event store specifics", () => {
  it("uses WAL and records its schema version", async () => {
    const path = temp.path("pragmas.db");
    const store = openSqliteEventStore({ path });
    await store.close();
    expect(pragmas(path)).toEqual({ journal: "wal", schema: 1 });
  });

  it("keeps events across reopening the file, and migrations run once", async () => {
    const path = temp.path("reopen.db");
    const first = openSqliteEventStore({ path, synchronous: "NORMAL" });
    const events = sampleEvents("org-1", 3);
    await first.append("org-1", events, { expectedVersion: "no_stream" });
    await first.close();
    const second = openSqliteEventStore({ path });
    expect((await second.readStream("org-1")).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(await second.headPosition()).toBe(3);
    await second.close();
  });

  it("refuses a database whose schema is newer than this library", async () => {
    const path = temp.path("newer.db");
    await openSqliteEventStore({ path }).close();
    const raw = new Database(path);
    raw.prepare("UPDATE cloud_ledger_schema SET version = 99 WHERE component = 'events'").run();
    raw.close();
    expect(() => openSqliteEventStore({ path })).toThrow(SchemaTooNewError);
  });

  it("rejects an unknown synchronous mode", () => {
    expect(() => openSqliteEventStore({ path: temp.path("bad.db"), synchronous: "OFF" as "FULL" })).toThrow(/synchronous must be/);
  });

  it("never reuses a position, even after the last row is deleted behind its back", async () => {
    const path = temp.path("positions.db");
    const store = openSqliteEventStore({ path });
    await store.append("s", sampleEvents("s", 2), { expectedVersion: "no_stream" });
    const raw = new Database(path);
    raw.prepare("DELETE FROM events WHERE position = 2").run();
    raw.close();
    const result = await store.append("t", sampleEvents("t", 1), { expectedVersion: "no_stream" });
    expect(result.positions).toEqual({ first: 3, last: 3 });
    await store.close();
  });

  it("writes nothing for an invalid append and refuses calls after close", async () => {
    const store = openSqliteEventStore({ path: temp.path("invalid.db") });
    const [event] = sampleEvents("s", 1);
    await expect(
      store.append("s", [{ ...event!, data: { when: new Date() } as never }], { expectedVersion: "any" }),
    ).rejects.toBeInstanceOf(InvalidEventError);
    expect(await store.headPosition()).toBe(0);
    await store.close();
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreClosedError);
    await store.close();
  });

  it("reports a row whose metadata lost a field as corrupt", async () => {
    const path = temp.path("metadata.db");
    const store = openSqliteEventStore({ path });
    await store.append("s", sampleEvents("s", 2), { expectedVersion: "no_stream" });
    const raw = new Database(path);
    raw.prepare(`UPDATE events SET metadata = json_remove(metadata, '$.actor') WHERE version = 2`).run();
    raw.close();
    await expect(store.readAll()).rejects.toThrow("Corrupt event at stream 's' version 2: metadata.actor is missing or not a string");
    await store.close();
  });

  it.each(["actor", "occurredAt", "correlationId", "causationId", "commandId"])(
    "names metadata.%s when a row lost it or it is not a string",
    async (key) => {
      const path = temp.path(`metadata-${key}.db`);
      const store = openSqliteEventStore({ path });
      await store.append("s", sampleEvents("s", 3), { expectedVersion: "no_stream" });
      const raw = new Database(path);
      raw.prepare(`UPDATE events SET metadata = json_remove(metadata, '$.${key}') WHERE version = 2`).run();
      raw.prepare(`UPDATE events SET metadata = json_set(metadata, '$.${key}', 7) WHERE version = 3`).run();
      raw.close();
      await expect(store.readStream("s", { fromVersion: 2, limit: 1 })).rejects.toThrow(
        `Corrupt event at stream 's' version 2: metadata.${key} is missing or not a string`,
      );
      await expect(store.readStream("s", { fromVersion: 3 })).rejects.toThrow(
        `Corrupt event at stream 's' version 3: metadata.${key} is missing or not a string`,
      );
      expect(await store.readStream("s", { toVersion: 1 })).toHaveLength(1);
      await store.close();
    },
  );
});
