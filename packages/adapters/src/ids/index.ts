export { createIdGenerator } from "./system-ids.js";
export { createSeededIdGenerator } from "./seeded-ids.js";
