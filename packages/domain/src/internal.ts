/*
 * Mechanisms behind the public surface: how the command handler loads and caches folded streams. Not part of the root
 * export (`@cloud-ledger/domain`) so that they can change without a breaking release; tests and benchmarks that
 * measure them import `@cloud-ledger/domain/internal`.
 */
export * from "./application/load-stream.js";
export * from "./application/stream-cache.js";
