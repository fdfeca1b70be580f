export * from "./decider.js";
export * from "./ports/event-store.js";
export * from "./ports/clock.js";
export * from "./ports/ids.js";
export * from "./ports/git.js";
export * from "./manifest/types.js";
export * from "./integrity/hash-chain.js";
export * from "./application/command-handler.types.js";
