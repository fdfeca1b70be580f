export { createPostgresEventStore, migratePostgresEventStore } from "./postgres-event-store.js";
export type { PostgresEventStoreOptions } from "./postgres-event-store.js";
export type { PostgresConnectionOptions } from "./connection.js";
export { InvalidPostgresOptionsError } from "./connection.js";
export { LATEST_SCHEMA_VERSION, UnsupportedSchemaVersionError } from "./migrations.js";
export { createPostgresCheckpointStore, CorruptCheckpointError } from "../checkpoint-postgres/postgres-checkpoint-store.js";
export { withPostgresTransaction } from "./atomic-import.js";
