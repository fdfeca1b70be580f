export * from "./interval.js";
export * from "./next-runs.js";
export * from "./utc-day.js";
export * from "./runs-per-day.js";
export * from "./schedule-offset.js";
export * from "./capped-ticks.js";
export * from "./due-ticks.js";
export * from "./tick-check.js";
