import type { EventStore, ReadModelRowStore } from "@cloud-ledger/domain";
import { createMemoryRowStore, ledgerReaderAsOf, openLedgerReader, type AsOf, type LedgerReader } from "@cloud-ledger/projections";
import type { Progress } from "../output/progress.js";
import type { StoreSpec } from "../store/store-spec.js";

/** What a command reads: the persisted read models at the head, or a time-travel copy. */
export type LedgerViews = LedgerReader;

/**
 * The read-model rows of a store, kept in the store itself: tables in the SQLite file or the PostgreSQL database.
 * EventStoreDB has nowhere to keep them, so its rows are a fold in memory for this process. A SQLite file this
 * process may not write (read-only file or folder) also gets a memory fold: a read must not fail for want of a cache.
 */
export async function openReadModelRows(spec: StoreSpec): Promise<ReadModelRowStore> {
  switch (spec.kind) {
    case "sqlite": {
      const { openSqliteRowStore } = await import("@cloud-ledger/adapters/read-models-sqlite");
      try {
        return openSqliteRowStore({ path: spec.path });
      } catch {
        return createMemoryRowStore("memory (the SQLite file is read-only)");
      }
    }
    case "postgres": {
      const { createPostgresRowStore } = await import("@cloud-ledger/adapters/read-models-postgres");
      return createPostgresRowStore({ connectionString: spec.url, maxConnections: 2 });
    }
    case "eventstoredb":
      return createMemoryRowStore();
  }
}

/**
 * Every read model at the head: the persisted rows caught up from their checkpoint (the events since the last
 * command, or a rebuild with a progress bar when the row models changed), then read by key.
 */
export function loadLedgerViews(
  store: EventStore,
  rows: ReadModelRowStore,
  options: { readonly progress?: Progress } = {},
): Promise<LedgerViews> {
  return openLedgerReader(store, rows, options.progress === undefined ? {} : { progress: options.progress });
}

/** Every read model as of a point in history: the same row models folded over that prefix of the log, in memory. */
export function loadLedgerViewsAsOf(store: EventStore, asOf: AsOf, options: { readonly progress?: Progress } = {}): Promise<LedgerViews> {
  return ledgerReaderAsOf(store, asOf, options.progress === undefined ? {} : { progress: options.progress });
}
