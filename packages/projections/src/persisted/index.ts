export type { ReadModelRowStore, RowCheckpoint, RowCursor, RowScan, RowWrite, StoredRow } from "@cloud-ledger/domain";
export { createMemoryRowStore } from "./memory-row-store.js";
export {
  catchUpReadModels,
  ReadModelCatchUpConflictError,
  type CatchUpOptions,
  type CatchUpProgress,
  type CatchUpReport as ReadModelCatchUpReport,
} from "./catch-up.js";
export { rowsReader } from "./rows-reader.js";
export { runsPerDayLabels } from "./runs-per-day-labels.js";
export { MAX_PAGE_SIZE, type AuditPageQuery, type LedgerReader, type Page, type PageRequest } from "./ledger-reader.js";
export { ROW_MODELS_VERSION } from "./models/all-row-models.js";
export { openLedgerReader, ledgerReaderAsOf } from "./open-reader.js";
export { statesReader } from "./states-reader.js";
export { notificationsOf, pendingDeliveries, type NotificationView, type OutboxEntry } from "./notifications-reader.js";
export { STOPPED_CODE } from "./models/outbox.js";
