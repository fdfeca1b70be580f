import type { EventStore } from "@cloud-ledger/domain";
import type { AsOf } from "../runner/as-of.js";
import { catchUpReadModels, type CatchUpOptions } from "./catch-up.js";
import type { LedgerReader } from "./ledger-reader.js";
import { createMemoryRowStore } from "./memory-row-store.js";
import type { ReadModelRowStore } from "@cloud-ledger/domain";
import { rowsReader } from "./rows-reader.js";

/** Catches the persisted read models up to the head of the log, then answers from them. */
export async function openLedgerReader(
  store: EventStore,
  rows: ReadModelRowStore,
  options: Omit<CatchUpOptions, "asOf"> = {},
): Promise<LedgerReader> {
  const report = await catchUpReadModels(store, rows, options);
  return rowsReader(rows, report.position);
}

/**
 * Time travel: the same row models folded over the log up to `asOf` into a private memory copy, so an answer as of
 * the head equals the persisted one by construction.
 */
export async function ledgerReaderAsOf(store: EventStore, asOf: AsOf, options: Omit<CatchUpOptions, "asOf"> = {}): Promise<LedgerReader> {
  const rows = createMemoryRowStore("as-of");
  const report = await catchUpReadModels(store, rows, { ...options, asOf, progressAfter: 0 });
  return rowsReader(rows, report.position);
}
