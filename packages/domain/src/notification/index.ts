export * from "./delivery-job.js";
export * from "./vocabulary.js";
export * from "./filters.js";
export * from "./recipient.js";
export * from "./state.js";
export * from "./decider.js";
export * from "./delivery.js";
