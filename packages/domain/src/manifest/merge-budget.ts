/**
 * How many mapping entries `<<` merge keys may expand to in one project file, counted the way a YAML 1.1 loader
 * (PyYAML, ruamel: what Meltano uses) builds them: every merged source is copied in full each time it is named, so
 * nested `<<: [*x, *x, ...]` grows exponentially with the nesting (a 742-byte file expands to billions of entries).
 * Real projects stay far below this; a file above it is refused before anything in it is read.
 */
export const MERGE_ENTRY_BUDGET = 1_000_000;

/** Merge sources nested deeper than this (inline `<<: {<<: {...}}`) are refused too, so expansion cannot exhaust the stack. */
export const MERGE_DEPTH_LIMIT = 64;
