import { sameRowCheckpoint, type ReadModelRowStore, type RowCheckpoint, type RowScan, type StoredRow } from "@cloud-ledger/domain";

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rows in memory: for stores with nothing to persist into (memory, EventStoreDB) and for time travel, which folds a
 * prefix of the log into a private copy. Values are never mutated once written (row models write fresh objects).
 */
export function createMemoryRowStore(name = "memory"): ReadModelRowStore {
  const models = new Map<string, Map<string, Map<string, StoredRow>>>();
  let checkpoint: RowCheckpoint | undefined;
  const scopeOf = (model: string, scope: string): Map<string, StoredRow> | undefined => models.get(model)?.get(scope);
  return {
    name,
    checkpoint: () => Promise.resolve(checkpoint),
    get: (model, scope, key) => Promise.resolve(scopeOf(model, scope)?.get(key)?.value),
    scan(model, scope, scan: RowScan) {
      const rows = [...(scopeOf(model, scope)?.values() ?? [])];
      const direction = scan.order === "asc" ? 1 : -1;
      rows.sort((a, b) => direction * (a.sort - b.sort) || byCodeUnits(a.key, b.key));
      const after = scan.after;
      const start =
        after === undefined
          ? 0
          : rows.findIndex((r) => direction * (r.sort - after.sort) > 0 || (r.sort === after.sort && r.key > after.key));
      return Promise.resolve(start < 0 ? [] : rows.slice(start, start + scan.limit));
    },
    commit(from, to, writes, reset) {
      if (!sameRowCheckpoint(from, checkpoint)) return Promise.resolve(false);
      if (reset) models.clear();
      for (const w of writes) {
        let scopes = models.get(w.model);
        if (scopes === undefined) models.set(w.model, (scopes = new Map<string, Map<string, StoredRow>>()));
        let rows = scopes.get(w.scope);
        if (rows === undefined) scopes.set(w.scope, (rows = new Map<string, StoredRow>()));
        if (w.value === undefined) rows.delete(w.key);
        else rows.set(w.key, { key: w.key, sort: w.sort, value: w.value });
      }
      checkpoint = to;
      return Promise.resolve(true);
    },
    close: () => Promise.resolve(),
  };
}
