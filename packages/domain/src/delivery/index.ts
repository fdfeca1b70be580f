export * from "./state.js";
export * from "./decider.js";
export * from "./retry-policy.js";
