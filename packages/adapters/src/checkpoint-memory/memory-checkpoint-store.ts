import type { CheckpointStore, ProjectionSnapshot } from "@cloud-ledger/domain";
import { StoreClosedError } from "@cloud-ledger/domain";
import { assertValidSnapshot } from "./snapshot-guard.js";

/**
 * Checkpoints held in a Map. Each snapshot is kept as JSON text, so a save is atomic (one assignment) and neither
 * the caller's later mutations nor a loaded copy's can reach the stored state.
 */
export function createMemoryCheckpointStore(): CheckpointStore {
  const saved = new Map<string, string>();
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new StoreClosedError("memory checkpoint");
  };
  return {
    load: (projection) =>
      Promise.resolve().then(() => {
        ensureOpen();
        const text = saved.get(projection);
        return text === undefined ? undefined : (JSON.parse(text) as ProjectionSnapshot);
      }),
    save: (projection, snapshot) =>
      Promise.resolve().then(() => {
        ensureOpen();
        assertValidSnapshot(projection, snapshot);
        saved.set(projection, JSON.stringify({ position: snapshot.position, state: snapshot.state }));
      }),
    reset: (projection) =>
      Promise.resolve().then(() => {
        ensureOpen();
        saved.delete(projection);
      }),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}
