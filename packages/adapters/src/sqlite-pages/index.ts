/**
 * `readSqlitePages`: the SQLite log as pages read ahead by a worker thread, for `replayPages` of
 * `@cloud-ledger/projections` (`replayPages(readSqlitePages({ path }))` folds the same events as
 * `replayAll(openSqliteEventStore({ path }))`).
 *
 * When it pays off (measured 2026-11-30 on the shared 2-core machine, see the session report): the worker runs the
 * store's `readAll` and `JSON.stringify`s each page; the main thread `JSON.parse`s it and folds. Per event, the
 * stringify costs about as much as the fold it frees the main thread for, and the main thread's parse of a whole
 * page is about half of a `readAll`, so the worker stage is the slower one and the total CPU roughly doubles. With a
 * spare core that is about break-even in steady state; on a loaded machine, or for small logs (the worker's start-up
 * loads the library again: ~0.35 s from dist, ~1 s from sources under tsx), `replayAll` on one thread is faster.
 */
export { readSqlitePages, DEFAULT_SQLITE_PAGE_SIZE, DEFAULT_PAGES_AHEAD } from "./read-sqlite-pages.js";
export type { ReadSqlitePagesOptions } from "./read-sqlite-pages.js";
