export * from "./audit-store.js";
export * from "./event-authorization.js";
export * from "./ledger-head.js";
export * from "./ledger-invariants.js";
export * from "./ledger-replay.js";
export * from "./seal-statement.js";
export * from "./settled-problems.js";
export * from "./stream-keys.js";
