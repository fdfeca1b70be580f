export * from "./amounts.js";
export * from "./run-charge.js";
export * from "./grow-only-set.js";
export * from "./state.js";
export * from "./summary.js";
export * from "./decider.js";
export * from "./admission.js";
