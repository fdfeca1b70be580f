import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { existsSync } from "node:fs";
import { CorruptEventError } from "@cloud-ledger/domain";
import { openSqliteEventStore, SchemaTooNewError } from "@cloud-ledger/adapters/sqlite";
import { readSqlitePages } from "@cloud-ledger/adapters/sqlite-pages";
import { tempFolder } from "../sqlite/temp-folder.js";
import { appendBatches, collect } from "./sample-log.js";

const temp = tempFolder("sqlite-pages-errors");
afterAll(() => temp.remove());

/** What a for-await over the pages ends with: the pages seen before the error, and the error. */
async function pagesThenError(pages: AsyncIterable<readonly unknown[]>): Promise<{ seen: number; error: unknown }> {
  let seen = 0;
  try {
    for await (const page of pages) seen += page.length;
  } catch (error) {
    return { seen, error };
  }
  throw new Error(`no error after ${seen} events`);
}

/**
 * Removes `metadata.actor` from one stored event, whatever column layout the store uses today: every text column of
 * that row holding `"actor":` gets the key renamed, so the row reads as an event whose metadata lost a field.
 */
function dropActor(path: string, streamName: string, version: number): void {
  const raw = new Database(path);
  try {
    const columns = (raw.prepare("SELECT name, type FROM pragma_table_info('events')").all() as { name: string; type: string }[])
      .filter((c) => c.type.toUpperCase() === "TEXT")
      .map((c) => c.name);
    const row = raw.prepare("SELECT * FROM events WHERE stream = ? AND version = ?").get(streamName, version) as Record<string, unknown>;
    const touched = columns.filter((c) => typeof row[c] === "string" && (row[c]).includes('"actor":'));
    expect(touched.length).toBeGreaterThan(0);
    for (const c of touched) {
      raw.prepare(`UPDATE events SET "${c}" = replace("${c}", '"actor":', '"actorWas":') WHERE stream = ? AND version = ?`).run(streamName, version);
    }
  } finally {
    raw.close();
  }
}

describe("store errors in the worker reach the consumer as the same error", () => {
  it("a corrupt row is a CorruptEventError naming stream and version, after the pages before it", async () => {
    const path = temp.path("corrupt.db");
    const store = openSqliteEventStore({ path });
    await appendBatches(store, [
      { stream: "ok", data: Array.from({ length: 6 }, (_, i) => ({ i })) },
      { stream: "bad", data: [{ a: 1 }, { a: 2 }, { a: 3 }] },
    ]);
    dropActor(path, "bad", 2);
    const direct = await store.readAll({ after: 6, limit: 3 }).catch((error: unknown) => error);
    await store.close();
    expect(direct).toBeInstanceOf(CorruptEventError);

    const { seen, error } = await pagesThenError(readSqlitePages({ path, pageSize: 3 }));
    expect(seen).toBe(6);
    expect(error).toBeInstanceOf(CorruptEventError);
    expect(error).toMatchObject({ name: "CorruptEventError", streamName: "bad", version: 2, message: (direct as Error).message });
    expect((error as CorruptEventError).reason).toBe((direct as CorruptEventError).reason);
    expect((error as Error).message).toContain("Corrupt event at stream 'bad' version 2");
  });

  it("a schema newer than the library's is a SchemaTooNewError with its fields", async () => {
    const path = temp.path("too-new.db");
    await openSqliteEventStore({ path }).close();
    const raw = new Database(path);
    raw.prepare("UPDATE cloud_ledger_schema SET version = 99 WHERE component = 'events'").run();
    raw.close();
    const direct = (() => {
      try {
        openSqliteEventStore({ path });
      } catch (error) {
        return error as SchemaTooNewError;
      }
      throw new Error("opening a too-new file did not fail");
    })();

    const { seen, error } = await pagesThenError(readSqlitePages({ path }));
    expect(seen).toBe(0);
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect(error).toMatchObject({ name: "SchemaTooNewError", component: "events", found: 99, known: direct.known, message: direct.message });
  });

  it("a missing file fails with ENOENT naming the path, and is not created", async () => {
    const path = temp.path("missing.db");
    const { error } = await pagesThenError(readSqlitePages({ path }));
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: "ENOENT", path });
    expect((error as Error).message).toContain(path);
    expect(existsSync(path)).toBe(false);
  });

  it("after an error the pass is over: the next call reports the end, not the error again", async () => {
    const iterator = readSqlitePages({ path: temp.path("missing-too.db") })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toMatchObject({ code: "ENOENT" });
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it("a file that is not a database fails with the driver's error name and code", async () => {
    const path = temp.path("not-a-db.db");
    const raw = await import("node:fs");
    raw.writeFileSync(path, "this is not a SQLite file, just some text that is long enough to have a header".repeat(20));
    const { error } = await pagesThenError(readSqlitePages({ path }));
    expect(error).toMatchObject({ name: "SqliteError", code: "SQLITE_NOTADB" });
    expect(await collect(readSqlitePages({ path: temp.path("missing-3.db") })).catch((e: unknown) => e)).toMatchObject({ code: "ENOENT" });
  });
});
