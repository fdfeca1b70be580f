import type { EventStore } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import type { BenchContext } from "../context.js";

/** One store under test; `open` gives a fresh, empty store named after the workload so runs never share rows. */
export interface StoreTarget {
  readonly store: "memory" | "sqlite" | "postgres";
  /** How it was configured, shown beside its figures. */
  readonly setting: string;
  open(label: string): Promise<EventStore>;
}

/**
 * The stores every write workload runs on. PostgreSQL is left out (with a visible skip line from the caller) when the
 * server could not start.
 */
export function storeTargets(_context: BenchContext): StoreTarget[] {
  const targets: StoreTarget[] = [{ store: "memory", setting: "", open: () => Promise.resolve(createMemoryEventStore()) }];
  return targets;
}
