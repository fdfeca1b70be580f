import type { JsonValue } from "@cloud-ledger/domain";
import type { ReadModelRowStore, RowWrite } from "@cloud-ledger/domain";

const rowId = (model: string, scope: string, key: string): string => `${model}\u0001${scope}\u0001${key}`;

/**
 * The writes of one catch-up batch, not yet committed: reads see them first, then the store. Several writes to one
 * row (an execution requested, started and finished in one batch) leave one write, so a commit costs the rows that
 * changed, not the events that changed them.
 */
export class RowTransaction {
  private readonly pending = new Map<string, RowWrite>();

  /** `storeIsStale`: the batch rebuilds from zero, so the rows stored so far are not read (the commit deletes them). */
  constructor(
    private readonly store: ReadModelRowStore,
    private readonly storeIsStale = false,
  ) {}

  async get<T extends JsonValue>(model: string, scope: string, key: string): Promise<T | undefined> {
    const written = this.pending.get(rowId(model, scope, key));
    if (written !== undefined) return written.value as T | undefined;
    if (this.storeIsStale) return undefined;
    return (await this.store.get(model, scope, key)) as T | undefined;
  }

  put(model: string, scope: string, key: string, value: JsonValue, sort = 0): void {
    this.pending.set(rowId(model, scope, key), { model, scope, key, sort, value });
  }

  delete(model: string, scope: string, key: string): void {
    this.pending.set(rowId(model, scope, key), { model, scope, key, sort: 0, value: undefined });
  }

  get size(): number {
    return this.pending.size;
  }

  writes(): readonly RowWrite[] {
    return [...this.pending.values()];
  }
}
