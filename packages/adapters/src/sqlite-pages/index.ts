export { readSqlitePages, DEFAULT_SQLITE_PAGE_SIZE, DEFAULT_PAGES_AHEAD } from "./read-sqlite-pages.js";
export type { ReadSqlitePagesOptions } from "./read-sqlite-pages.js";
