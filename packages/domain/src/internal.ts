/*
 * Mechanisms behind the public surface: the folded-stream cache behind `createCachedReader`, the table of flows, and
 * how a handler request's envelope is built.
 * Not part of the root export (`@cloud-ledger/domain`) so that they can change without a breaking release; tests and
 * benchmarks that measure them import `@cloud-ledger/domain/internal`.
 */
export * from "./application/stream-cache.js";
export * from "./application/envelope-for.js";
export { FLOWS } from "./application/flow-table.js";
export {
  declaredStreams,
  isDeclared,
  runFlow,
  type DeclaredFlow,
  type Flow,
  type FlowTable,
  type UndeclaredFlow,
} from "./application/flow.js";
