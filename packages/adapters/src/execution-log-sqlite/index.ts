export { openSqliteExecutionLogStore, boundLine, MAX_LOG_LINE_CHARS } from "./sqlite-execution-log-store.js";
export type { SqliteExecutionLogOptions, SqliteExecutionLogStore } from "./sqlite-execution-log-store.js";
