export { createEventStoreDbEventStore } from "./eventstoredb-event-store.js";
export type { EsdbClient, EventStoreDbOptions } from "./eventstoredb-event-store.js";
export {
  isSystemRecord,
  planStreamRead,
  readAllStart,
  toExpectedRevision,
  versionOfCurrentRevision,
  versionOfRevision,
} from "./translate.js";
export type { EsdbCurrentRevision, EsdbExpectedRevision, StreamReadPlan } from "./translate.js";
export { fromRecord, toProposedEvent } from "./event-mapping.js";
export type { EsdbMetadata, EsdbProposedEvent, EsdbRecord } from "./event-mapping.js";
