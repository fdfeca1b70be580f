import type { DomainEvent, RecordedEvent } from "@cloud-ledger/domain";
import { foldPage, freshSlot, type Slot } from "../runner/fold.js";
import type { AnyProjection, EventDecoder } from "../runner/projection.js";
import { checkUniqueNames, type ReplayResult } from "../runner/replay.js";
import { allReadModels } from "./all.js";
import { validatingDomainEventDecoder } from "./validating-decoder.js";

export interface ReplayPagesOptions {
  /** Default `validatingDomainEventDecoder`, as for `replayAll`. */
  readonly decoder?: EventDecoder<DomainEvent>;
}

/**
 * `replayAll` for a log that is not in a store: folds pages of events (ascending global positions, as an NDJSON
 * reader yields them) into fresh read models, holding one page at a time. Same fold, same decode and apply errors.
 */
export async function replayPages(
  pages: AsyncIterable<readonly RecordedEvent[]> | Iterable<readonly RecordedEvent[]>,
  projections: readonly AnyProjection<DomainEvent>[] = allReadModels,
  options: ReplayPagesOptions = {},
): Promise<ReplayResult> {
  checkUniqueNames(projections);
  const decoder = options.decoder ?? validatingDomainEventDecoder;
  const slots: Slot<DomainEvent>[] = projections.map((p) => freshSlot(p));
  let events = 0;
  let position = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    events += foldPage(slots, page, decoder);
    position = (page[page.length - 1] as RecordedEvent).globalPosition;
  }
  return { position, events, states: new Map(slots.map((s) => [s.projection.name, s.state])) };
}
