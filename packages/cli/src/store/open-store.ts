import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { EventStore } from "@cloud-ledger/domain";
import { CliFailure } from "../runtime/cli-errors.js";
import { readableCopyIfNeeded } from "./readable-copy.js";
import { isWritable, readOnlyFolderProblem, sqliteStoreProblem } from "./sqlite-preflight.js";
import { describeStore, type StoreSpec } from "./store-spec.js";

/** `read` never creates or migrates anything; `write` may create a new, empty store. */
export type StoreAccess = "read" | "write";

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim();
}

async function openPostgres(url: string, access: StoreAccess, shown: string): Promise<EventStore> {
  const pg = (await import("pg")).default;
  if (access === "read") {
    // Opening the adapter migrates the schema; a read must find an existing store instead of creating one.
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const found = await client.query<{ table: string | null }>("SELECT to_regclass('cl_events')::text AS table");
      if (found.rows[0]?.table == null)
        throw new CliFailure(`No cloud-ledger event store in ${shown}: nothing has been recorded there yet.`, "store-not-found");
    } catch (error) {
      if (error instanceof CliFailure) throw error;
      throw new CliFailure(`Cannot open the event store ${shown}: ${message(error)}`, "store-unavailable");
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const { createPostgresEventStore } = await import("@cloud-ledger/adapters/postgres");
  try {
    return await createPostgresEventStore({ connectionString: url, maxConnections: 4 });
  } catch (error) {
    throw new CliFailure(`Cannot open the event store ${shown}: ${message(error)}`, "store-unavailable");
  }
}

async function openEventStoreDb(url: string, shown: string): Promise<EventStore> {
  const { createEventStoreDbEventStore } = await import("@cloud-ledger/adapters/eventstoredb");
  let store: EventStore | undefined;
  try {
    store = createEventStoreDbEventStore({ connectionString: url });
    // The client connects lazily: probe now so an unreachable server is reported before any work starts.
    await store.headPosition();
    return store;
  } catch (error) {
    await store?.close().catch(() => undefined);
    throw new CliFailure(`Cannot open the event store ${shown}: ${message(error)}`, "store-unavailable");
  }
}

/** What went wrong opening a SQLite store, with what to do about a read-only file or folder. */
function sqliteOpenProblem(error: unknown, file: string, access: StoreAccess): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "SQLITE_READONLY_DIRECTORY" || (access === "read" && code === "SQLITE_CANTOPEN")) return readOnlyFolderProblem(file);
  if (access === "write" && typeof code === "string" && code.startsWith("SQLITE_READONLY"))
    return "the file is read-only; this command writes (reads and `audit verify` work on a read-only file)";
  return message(error);
}

/** Opens the store a command works on, or fails with a message naming the store and why, having written nothing. */
export async function openStore(spec: StoreSpec, access: StoreAccess): Promise<EventStore> {
  const shown = describeStore(spec);
  switch (spec.kind) {
    case "sqlite": {
      if (spec.isDefault && access === "write") mkdirSync(path.dirname(spec.path), { recursive: true });
      const copy = access === "read" && existsSync(spec.path) ? readableCopyIfNeeded(spec.path) : undefined;
      try {
        const store = await openSqlite(copy?.path ?? spec.path, spec, access, shown);
        if (copy === undefined) return store;
        return { ...store, close: () => store.close().finally(() => copy.remove()) };
      } catch (error) {
        copy?.remove();
        throw error;
      }
    }
    case "postgres":
      return openPostgres(spec.url, access, shown);
    case "eventstoredb":
      return openEventStoreDb(spec.url, shown);
  }
}

/** Checks, then opens, the SQLite store at `file` (the store itself or a private copy of it). */
async function openSqlite(
  file: string,
  spec: StoreSpec & { readonly kind: "sqlite" },
  access: StoreAccess,
  shown: string,
): Promise<EventStore> {
  const problem = sqliteStoreProblem(file, access);
  if (problem !== undefined) {
    const hint = access === "read" && spec.isDefault ? " Record something first (e.g. `cloud-ledger org create`) or pass --store." : "";
    throw new CliFailure(
      `Cannot use the event store ${shown}: ${problem}.${hint}`,
      problem.startsWith("no event store") ? "store-not-found" : "store-unreadable",
    );
  }
  const { openSqliteEventStore } = await import("@cloud-ledger/adapters/sqlite");
  try {
    // A read of a file this process may not write opens it read-only, so a read-only copy can be read and audited.
    // A writable one is opened as usual: a read-only connection could not remove the -wal and -shm files on close.
    return openSqliteEventStore({ path: file, readonly: access === "read" && !isWritable(file) });
  } catch (error) {
    throw new CliFailure(`Cannot open the event store ${shown}: ${sqliteOpenProblem(error, spec.path, access)}`, "store-unreadable");
  }
}
