import type { EventStore } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import type { BenchContext } from "../context.js";

/** One store under test; `open` gives a fresh, empty store named after the workload so runs never share rows. */
export interface StoreTarget {
  readonly store: "memory" | "sqlite" | "postgres";
  /** How it was configured, shown beside its figures ("" for the store's defaults). */
  readonly setting: string;
  open(label: string): Promise<EventStore>;
}

export interface StoreTargetOptions {
  /** Also SQLite with synchronous=NORMAL (no fsync per commit), to show what durability costs. */
  readonly sqliteNormal?: boolean;
  /** Pool size for the PostgreSQL store (pg's default is 10). */
  readonly postgresConnections?: number;
}

let opened = 0;

/**
 * The stores every write workload runs on: memory, SQLite (synchronous=FULL, the store's durable default) and
 * PostgreSQL. PostgreSQL is left out, with a visible skip line, when the server could not start.
 */
export function storeTargets(context: BenchContext, workload: string, options: StoreTargetOptions = {}): StoreTarget[] {
  const { temp, postgres, report } = context;
  const wanted = (store: StoreTarget["store"]): boolean => context.stores.length === 0 || context.stores.includes(store);
  const sqlite = (synchronous: "FULL" | "NORMAL"): StoreTarget => ({
    store: "sqlite",
    setting: synchronous === "FULL" ? "" : "synchronous=NORMAL",
    open: (label) => Promise.resolve(openSqliteEventStore({ path: temp.file(`${label}-${synchronous}-${++opened}.db`), synchronous })),
  });
  const targets: StoreTarget[] = [];
  if (wanted("memory")) targets.push({ store: "memory", setting: "", open: () => Promise.resolve(createMemoryEventStore()) });
  if (wanted("sqlite")) targets.push(sqlite("FULL"));
  if (wanted("sqlite") && options.sqliteNormal === true) targets.push(sqlite("NORMAL"));
  if (!wanted("postgres")) return targets;
  if (postgres === undefined) {
    report.skip({ workload, store: "postgres", reason: context.postgresSkipReason });
  } else {
    targets.push({
      store: "postgres",
      setting: "",
      open: async (label) => {
        const connectionString = await postgres.createDatabase(`bench_${label}_${++opened}`.toLowerCase());
        return createPostgresEventStore({ connectionString, maxConnections: options.postgresConnections ?? 10 });
      },
    });
  }
  return targets;
}
