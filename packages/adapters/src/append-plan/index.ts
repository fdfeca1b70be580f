export * from "./plan-appends.js";
export * from "./append-queue.js";
