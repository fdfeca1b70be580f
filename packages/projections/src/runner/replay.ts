import type { EventStore, RecordedEvent } from "@cloud-ledger/domain";
import { stopPredicate, type AsOf } from "./as-of.js";
import { foldPage, freshSlot, type Slot } from "./fold.js";
import type { AnyProjection, EventDecoder, Projection } from "./projection.js";
import { ProjectionConfigError } from "./errors.js";
import { forEachPage } from "./pages.js";

export const DEFAULT_PAGE_SIZE = 2000;

export interface ReplayOptions {
  /** Events read per `readAll` call. */
  readonly pageSize?: number;
  /** Stop at this point of history (time travel); default: the head of the log. */
  readonly asOf?: AsOf;
  readonly signal?: AbortSignal;
}

export interface ReplayResult {
  /** Global position of the last event applied (0 when none). */
  readonly position: number;
  /** Number of events applied. */
  readonly events: number;
  /** Each projection's state, by projection name. */
  readonly states: ReadonlyMap<string, unknown>;
}

export function checkPageSize(pageSize: number): number {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new ProjectionConfigError(`pageSize must be a positive integer, got ${String(pageSize)}`);
  }
  return pageSize;
}

export function checkUniqueNames<E>(projections: readonly AnyProjection<E>[]): void {
  const seen = new Set<string>();
  for (const p of projections) {
    if (seen.has(p.name)) throw new ProjectionConfigError(`Two projections are named '${p.name}'`);
    seen.add(p.name);
  }
}

/** Replays the log from position 0 into fresh states of `projections` (no checkpoints read or written). */
export async function replay<E>(
  store: EventStore,
  decoder: EventDecoder<E>,
  projections: readonly AnyProjection<E>[],
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  checkUniqueNames(projections);
  const pageSize = checkPageSize(options.pageSize ?? DEFAULT_PAGE_SIZE);
  const stop = options.asOf === undefined ? undefined : stopPredicate(options.asOf);
  const slots: Slot<E>[] = projections.map((p) => freshSlot(p));
  let events = 0;
  let position = 0;
  await forEachPage(
    store,
    0,
    pageSize,
    (page) => {
      const consumed = foldPage(slots, page, decoder, stop);
      events += consumed;
      if (consumed > 0) position = (page[consumed - 1] as RecordedEvent).globalPosition;
      return consumed === page.length;
    },
    options.signal,
  );
  return { position, events, states: new Map(slots.map((s) => [s.projection.name, s.state])) };
}

/** One projection's state as of a point in history (or at the head). */
export async function stateAsOf<S, E>(store: EventStore, decoder: EventDecoder<E>, projection: Projection<S, E>, asOf?: AsOf): Promise<S> {
  const result = await replay(store, decoder, [projection as AnyProjection<E>], asOf === undefined ? {} : { asOf });
  return result.states.get(projection.name) as S;
}
