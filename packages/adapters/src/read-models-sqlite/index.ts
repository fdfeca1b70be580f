export { openSqliteRowStore, CorruptReadModelRowError } from "./sqlite-row-store.js";
