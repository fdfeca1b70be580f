import { domainEventSerde, type DomainEvent, type EventStore, type ReadAllOptions } from "@cloud-ledger/domain";
import { allReadModels, readModelStatesFrom, replay, type AnyProjection, type AsOf, type ReadModelStates } from "@cloud-ledger/projections";
import type { Progress } from "../output/progress.js";
import { secretNames, type SecretNamesState } from "./secret-names.js";

export interface LedgerViews extends ReadModelStates {
  readonly secretNames: SecretNamesState;
  /** The global position the views reflect. */
  readonly position: number;
}

/** Reports how many events a replay has read, against the head position, as it pages through the log. */
function withReadProgress(store: EventStore, progress: Progress, total: number): EventStore {
  let done = 0;
  return {
    name: store.name,
    append: (streamName, events, options) => store.append(streamName, events, options),
    readStream: (streamName, options) => store.readStream(streamName, options),
    streamVersion: (streamName) => store.streamVersion(streamName),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    readAll: async (options?: ReadAllOptions) => {
      const page = await store.readAll(options);
      done += page.length;
      progress.update(Math.min(done, total));
      return page;
    },
  };
}

/**
 * Every read model, rebuilt from the log (as of a point in history when asked). The CLI is a short-lived process, so
 * it replays instead of keeping checkpoints: one pass over the log, tens of thousands of events per second.
 */
export async function loadLedgerViews(store: EventStore, options: { readonly asOf?: AsOf; readonly progress?: Progress } = {}): Promise<LedgerViews> {
  let source = store;
  if (options.progress !== undefined) {
    const total = await store.headPosition();
    options.progress.start(total);
    source = withReadProgress(store, options.progress, total);
  }
  try {
    const projections = [...allReadModels, secretNames as AnyProjection<DomainEvent>];
    const result = await replay(source, domainEventSerde, projections, options.asOf === undefined ? {} : { asOf: options.asOf });
    return {
      ...readModelStatesFrom(result.states),
      secretNames: result.states.get(secretNames.name) as SecretNamesState,
      position: result.position,
    };
  } finally {
    options.progress?.stop();
  }
}
