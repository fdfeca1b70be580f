/**
 * `readSqlitePages`: the SQLite log as pages read ahead by a worker thread, for `replayPages` of
 * `@cloud-ledger/projections` (`replayPages(readSqlitePages({ path }))` folds the same events as
 * `replayAll(openSqliteEventStore({ path }))`).
 *
 * When it pays off (measured 2026-11-30 on the shared 2-core machine, load ~8, from sources as the bench runs, medians
 * of 3): the worker runs the store's `readAll` and `JSON.stringify`s each page; the main thread `JSON.parse`s it and
 * folds. Per event, on one thread: readAll 15.1, stringify 7.0, parse 9.0, fold 11.8 (µs under that load; the ratios
 * are what count). So the worker stage (readAll + stringify) is the slower one, and at best — idle cores — a replay
 * runs ~1.15x the one-thread rate at ~1.6x the CPU. On a loaded machine it loses: 50 k events 3.40 s vs 1.27 s for
 * `replayAll` (CPU 1.77 s vs 0.59 s), 200 k events 10.4 s vs 5.95 s; the worker's start-up loads the library again
 * (first page after ~1.5 s from sources under that load, ~0.36 s from dist). Use it where a core is free and the log
 * is large; it cannot by itself reach a replay of 50 % of the JSON.parse rate (main thread floor: parse + fold).
 */
export { readSqlitePages, DEFAULT_SQLITE_PAGE_SIZE, DEFAULT_PAGES_AHEAD } from "./read-sqlite-pages.js";
export type { ReadSqlitePagesOptions } from "./read-sqlite-pages.js";
