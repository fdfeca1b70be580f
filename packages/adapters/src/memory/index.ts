export { createMemoryEventStore } from "./memory-event-store.js";
export { createMemoryCheckpointStore } from "../checkpoint-memory/memory-checkpoint-store.js";
export { InvalidSnapshotError } from "../checkpoint-memory/snapshot-guard.js";
