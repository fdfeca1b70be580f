export * from "./decider-spec.js";
export * from "./memory-git.js";
