import type { JsonValue } from "./event-store.js";

/** A projection's saved state and the global position it reflects, always written together. */
export interface ProjectionSnapshot {
  readonly position: number;
  readonly state: JsonValue;
}

/**
 * Where a projection runner keeps read-model state with its checkpoint. `save` must be atomic: after a crash the
 * store holds either the old (position, state) or the new one, never a mix.
 */
export interface CheckpointStore {
  load(projection: string): Promise<ProjectionSnapshot | undefined>;
  save(projection: string, snapshot: ProjectionSnapshot): Promise<void>;
  /** Forget a projection, for a rebuild from zero. */
  reset(projection: string): Promise<void>;
  close(): Promise<void>;
}
