export { openSqliteEventStore } from "./sqlite-event-store.js";
export type { SqliteEventStoreOptions } from "./sqlite-event-store.js";
export type { SqliteConnectionOptions } from "./open-database.js";
export { SchemaTooNewError } from "./migrations.js";
export { openSqliteCheckpointStore, CorruptCheckpointError } from "../checkpoint-sqlite/sqlite-checkpoint-store.js";
export type { SqliteCheckpointStoreOptions } from "../checkpoint-sqlite/sqlite-checkpoint-store.js";
export { withSqliteTransaction } from "./atomic-import.js";
