export { internalIdIndex, type InternalIdIndexState, type InternalIdRecord } from "./projection.js";
export {
  resolveInternalId,
  internalIdRecordOf,
  internalIdHistoryOf,
  type InternalIdEntity,
  type InternalIdHistoryEntry,
} from "./queries.js";
