import type { JsonValue, RecordedEvent } from "@cloud-ledger/domain";
import type { Either } from "fp-ts/lib/Either.js";

/**
 * A read model definition. `apply` folds one decoded event into the state.
 *
 * The runner owns each state exclusively, so `apply` may update it in place and return the same object: the replay
 * path then allocates nothing per event (immer or spreads per event would cap replay far below the store's read
 * speed, see event-store-notes §4). `apply` must still be deterministic and total — an event about an entity the
 * model does not know is ignored, never thrown on — and must not keep references to `event` or `recorded` objects
 * it may later mutate.
 *
 * States may hold Maps and Sets for speed; `toJson`/`fromJson` give the JSON form stored with the checkpoint.
 */
export interface Projection<S, E> {
  /** Unique per runner; the checkpoint key. */
  readonly name: string;
  /** Bump it whenever `apply` or the state shape changes: a stored checkpoint of another version forces a rebuild. */
  readonly version: number;
  initialState(): S;
  apply(state: S, event: E, recorded: RecordedEvent): S;
  toJson(state: S): JsonValue;
  fromJson(json: JsonValue): S;
}

/** Any projection over events of type E (the state type erased). */
export type AnyProjection<E> = Projection<unknown, E>;

/** The decoding half of the domain's EventSerde: stored event -> domain event (Left names what was wrong). */
export interface EventDecoder<E> {
  readonly decode: (recorded: RecordedEvent) => Either<string, E>;
}
