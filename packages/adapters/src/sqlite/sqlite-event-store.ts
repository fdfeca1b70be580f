import type { EventStore, ReadStreamOptions, RecordedEvent } from "@cloud-ledger/domain";
import {
  assertValidAppend,
  assertValidReadAllOptions,
  assertValidReadStreamOptions,
  assertValidStreamAppends,
  assertValidStreamName,
  StoreClosedError,
} from "@cloud-ledger/domain";
import { createAppendQueue, planAppends, type AppendUnit, type UnitOutcome } from "../append-plan/index.js";
import type { SqliteConnectionOptions } from "./open-database.js";
import { later, openDatabase, type SqliteDatabase } from "./open-database.js";
import { assertMigrated, EVENT_STORE_MIGRATIONS, migrate } from "./migrations.js";
import type { EventRow } from "./decode-row.js";
import { decodeRows, EVENT_COLUMNS } from "./decode-row.js";
import { createEventInserter } from "./insert-events.js";

export type SqliteEventStoreOptions = SqliteConnectionOptions;

// SQLite reads LIMIT -1 as "no limit".
const NO_LIMIT = -1;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE";
}

/**
 * The SQLite event store. Appends run in BEGIN IMMEDIATE, so the version checks and the inserts hold the file's write
 * lock together: safe with many connections and processes on one file. Global positions come from an AUTOINCREMENT
 * key assigned under that lock, so a later commit always gets a greater position and readers never skip one.
 *
 * Group commit: better-sqlite3 is synchronous, so an append made at once would commit (and fsync) on its own. Instead
 * appends (and multi-stream appends) made before the event loop's next turn are written in one transaction, planned
 * as if appended one after another: each keeps its own expected-version check and outcome, and one fsync covers all.
 */
export function openSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const db = openDatabase(options);
  try {
    if (options.readonly === true) assertMigrated(db, "events", EVENT_STORE_MIGRATIONS);
    else migrate(db, "events", EVENT_STORE_MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }
  return sqliteEventStoreOn(db);
}

/** The store over a connection whose schema is migrated; `close()` closes the connection. */
export function sqliteEventStoreOn(db: SqliteDatabase): EventStore {
  const versionOf = db.prepare("SELECT COALESCE(MAX(version), 0) FROM events WHERE stream = ?").pluck();
  const insertEvents = createEventInserter(db);
  const forwards = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND version BETWEEN ? AND ? ORDER BY version LIMIT ?`)
    .raw();
  const backwards = db
    .prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND version BETWEEN ? AND ? ORDER BY version DESC LIMIT ?`)
    .raw();
  const afterPosition = db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw();
  const head = db.prepare("SELECT COALESCE(MAX(position), 0) FROM events").pluck();

  const ensureOpen = (): void => {
    if (!db.open) throw new StoreClosedError("sqlite");
  };

  const currentVersion = (streamName: string): number => versionOf.get(streamName) as number;

  const writeLocked = db.transaction((units: readonly AppendUnit[]): UnitOutcome[] =>
    planAppends(units, currentVersion).map((plan): UnitOutcome => {
      if (!plan.ok) return plan;
      const results = plan.parts.map(({ streamName, current, events }) => {
        if (events.length === 0) return { nextExpectedVersion: current };
        return { nextExpectedVersion: current + events.length, positions: insertEvents(streamName, current + 1, events) };
      });
      return { ok: true, results };
    }),
  );

  const queue = createAppendQueue((units) => later(() => writeLockedOrExplain(units)));

  function writeLockedOrExplain(units: readonly AppendUnit[]): UnitOutcome[] {
    try {
      return writeLocked.immediate(units);
    } catch (error) {
      // Unreachable while every writer uses BEGIN IMMEDIATE; kept so a foreign writer still yields the port's error.
      if (isUniqueViolation(error) && units.length === 1) {
        const [fresh] = planAppends(units, currentVersion);
        if (fresh?.ok === false) return [fresh];
      }
      throw error;
    }
  }

  const readStream = (streamName: string, options?: ReadStreamOptions): RecordedEvent[] => {
    const limit = options?.limit ?? NO_LIMIT;
    if (options?.direction === "backwards") {
      const high = options.fromVersion ?? Number.MAX_SAFE_INTEGER;
      return decodeRows(backwards.all(streamName, options.toVersion ?? 1, high, limit) as EventRow[]);
    }
    const low = options?.fromVersion ?? 1;
    return decodeRows(forwards.all(streamName, low, options?.toVersion ?? Number.MAX_SAFE_INTEGER, limit) as EventRow[]);
  };

  return {
    name: "sqlite",
    append: async (streamName, events, options) => {
      ensureOpen();
      assertValidAppend(streamName, events, options);
      const [result] = await queue.submit([{ streamName, events: [...events], expectedVersion: options.expectedVersion }]);
      return result!;
    },
    appendStreams: async (appends) => {
      ensureOpen();
      assertValidStreamAppends(appends);
      if (appends.length === 0) return [];
      return queue.submit(appends.map(({ streamName, events, expectedVersion }) => ({ streamName, events: [...events], expectedVersion })));
    },
    readStream: (streamName, options) =>
      later(() => {
        ensureOpen();
        assertValidStreamName(streamName);
        assertValidReadStreamOptions(options);
        return readStream(streamName, options);
      }),
    readAll: (options) =>
      later(() => {
        ensureOpen();
        assertValidReadAllOptions(options);
        return decodeRows(afterPosition.all(options?.after ?? 0, options?.limit ?? NO_LIMIT) as EventRow[]);
      }),
    streamVersion: (streamName) =>
      later(() => {
        ensureOpen();
        assertValidStreamName(streamName);
        return versionOf.get(streamName) as number;
      }),
    headPosition: () =>
      later(() => {
        ensureOpen();
        return head.get() as number;
      }),
    close: async () => {
      await queue.drain();
      if (db.open) db.close();
    },
  };
}
