// The root entry holds only what needs no optional driver: the memory stores and the NDJSON log. Drivers live behind
// their own subpaths (./sqlite, ./postgres, ./eventstoredb), the conformance suite behind ./conformance (needs vitest).
export * from "./memory/index.js";
export * from "./ndjson/index.js";
