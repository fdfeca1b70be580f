import type { EventStore } from "@cloud-ledger/domain";
import { migrate, EVENT_STORE_MIGRATIONS } from "./migrations.js";
import { openDatabase, type SqliteConnectionOptions } from "./open-database.js";
import { sqliteEventStoreOn } from "./sqlite-event-store.js";

/**
 * Runs `work` on a store whose every append joins ONE transaction on its own connection (BEGIN IMMEDIATE: it holds
 * the file's write lock from the start, so other writers wait, up to their busy timeout): it commits when `work`
 * resolves and rolls back when it throws. A process killed meanwhile leaves no commit record in the WAL, hence nothing.
 * Each append still runs in its own savepoint, so a refused append (wrong expected version) undoes only itself and
 * `work` decides whether to go on. For bulk writes such as a log import; the connection is closed at the end.
 */
export async function withSqliteTransaction<T>(options: SqliteConnectionOptions, work: (store: EventStore) => Promise<T>): Promise<T> {
  const db = openDatabase(options);
  try {
    migrate(db, "events", EVENT_STORE_MIGRATIONS);
    const store = sqliteEventStoreOn(db);
    db.exec("BEGIN IMMEDIATE");
    try {
      const result = await work(store);
      db.exec("COMMIT");
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    if (db.open) db.close();
  }
}
