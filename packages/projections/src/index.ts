export * from "./runner/index.js";
export * from "./read-models/index.js";
