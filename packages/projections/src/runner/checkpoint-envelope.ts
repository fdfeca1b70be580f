import type { CheckpointStore, JsonValue } from "@cloud-ledger/domain";
import type { Slot } from "./fold.js";

/** How a loaded checkpoint was used: none stored, resumed, or discarded (and the projection rebuilt from zero). */
export type LoadOutcome = "fresh" | "resumed" | "version-changed" | "unreadable";

/** The JSON stored as a checkpoint's state: the projection's version travels with its state. */
type Envelope = {
  readonly projectionVersion: number;
  readonly state: JsonValue;
};

function asEnvelope(value: JsonValue): Envelope | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const record = value as { readonly [key: string]: JsonValue };
  const version = record["projectionVersion"];
  const state = record["state"];
  if (typeof version !== "number" || state === undefined) return undefined;
  return { projectionVersion: version, state };
}

/**
 * Restores a slot from its checkpoint. A checkpoint of another projection version, or one `fromJson` rejects, is
 * reset so the projection rebuilds from zero — a stale read model must never be served as current.
 */
export async function loadSlot<E>(checkpoints: CheckpointStore, slot: Slot<E>): Promise<LoadOutcome> {
  const { projection } = slot;
  slot.state = projection.initialState();
  slot.position = 0;
  const snapshot = await checkpoints.load(projection.name);
  if (snapshot === undefined) return "fresh";
  const envelope = asEnvelope(snapshot.state);
  if (envelope === undefined || envelope.projectionVersion !== projection.version) {
    await checkpoints.reset(projection.name);
    return envelope === undefined ? "unreadable" : "version-changed";
  }
  try {
    slot.state = projection.fromJson(envelope.state);
  } catch {
    await checkpoints.reset(projection.name);
    slot.state = projection.initialState();
    return "unreadable";
  }
  slot.position = snapshot.position;
  return "resumed";
}

/** Saves the slot's position and state together, in one atomic CheckpointStore.save. */
export async function saveSlot<E>(checkpoints: CheckpointStore, slot: Slot<E>): Promise<void> {
  const { projection } = slot;
  // toJson runs before the first await: the saved value is a copy taken at exactly `position`.
  const envelope: Envelope = { projectionVersion: projection.version, state: projection.toJson(slot.state) };
  await checkpoints.save(projection.name, { position: slot.position, state: envelope });
}
