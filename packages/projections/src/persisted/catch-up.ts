import type { DomainEvent, EventStore, RecordedEvent } from "@cloud-ledger/domain";
import { stopPredicate, type AsOf } from "../runner/as-of.js";
import { ProjectionApplyError, ProjectionDecodeError } from "../runner/errors.js";
import { forEachPage } from "../runner/pages.js";
import type { EventDecoder } from "../runner/projection.js";
import { validatingDomainEventDecoder } from "../read-models/validating-decoder.js";
import { allRowModels, ROW_MODELS_VERSION } from "./models/all-row-models.js";
import { RowTransaction } from "./row-transaction.js";
import type { ReadModelRowStore, RowCheckpoint } from "@cloud-ledger/domain";

/** Reports a long catch-up (a rebuild, or a first run on a big log). */
export interface CatchUpProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

export interface CatchUpOptions {
  readonly decoder?: EventDecoder<DomainEvent>;
  /** Events folded between commits. Default 20 000. */
  readonly batchEvents?: number;
  readonly pageSize?: number;
  /** Shown when the rows are rebuilt, or when more than `progressAfter` events (default 20 000) are behind. */
  readonly progress?: CatchUpProgress;
  readonly progressAfter?: number;
  /** Fold only up to this point of history (time travel into a private, memory row store). */
  readonly asOf?: AsOf;
}

export interface CatchUpReport {
  /** The position the rows reflect now. */
  readonly position: number;
  /** Events folded by this call. */
  readonly events: number;
  /** Why the rows were thrown away and rebuilt from position 0, if they were. */
  readonly rebuilt?: "fresh" | "version-changed";
}

/** Another process kept moving the checkpoint while this one tried to commit, over and over. */
export class ReadModelCatchUpConflictError extends Error {
  override readonly name = "ReadModelCatchUpConflictError";
}

class Moved extends Error {}

const MAX_ATTEMPTS = 8;

/**
 * Brings the persisted read models up to the head of the log (or `asOf`): folds the events after the stored
 * checkpoint into rows and commits rows and checkpoint together every `batchEvents` events, so the cost of a call is
 * the change since the last one. Rows of another ROW_MODELS_VERSION are discarded and rebuilt, in the same commits.
 * A crash between an append and a commit loses nothing: the next call starts from the last committed checkpoint.
 * When another process commits first, this one starts over from that process's checkpoint.
 */
export async function catchUpReadModels(store: EventStore, rows: ReadModelRowStore, options: CatchUpOptions = {}): Promise<CatchUpReport> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptCatchUp(store, rows, options);
    } catch (error) {
      if (!(error instanceof Moved)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new ReadModelCatchUpConflictError(`Read models kept moving under this process (${MAX_ATTEMPTS} attempts)`);
      }
    }
  }
}

async function attemptCatchUp(store: EventStore, rows: ReadModelRowStore, options: CatchUpOptions): Promise<CatchUpReport> {
  const decoder = options.decoder ?? validatingDomainEventDecoder;
  const batchEvents = options.batchEvents ?? 20_000;
  const stored = await rows.checkpoint();
  const rebuilt = stored === undefined ? "fresh" : stored.version !== ROW_MODELS_VERSION ? "version-changed" : undefined;
  let from: RowCheckpoint | undefined = stored;
  let reset = rebuilt !== undefined;
  let position = reset ? 0 : (stored as RowCheckpoint).position;
  const head = await store.headPosition();
  const stop = options.asOf === undefined ? undefined : stopPredicate(options.asOf);
  if (!reset && position >= head) return { position, events: 0 };

  const behind = head - position;
  const progress = reset || behind > (options.progressAfter ?? 20_000) ? options.progress : undefined;
  progress?.start(behind);
  let tx = new RowTransaction(rows, reset);
  let events = 0;
  let sinceCommit = 0;
  let stopped = false;
  const commit = async (to: number): Promise<void> => {
    const next: RowCheckpoint = { version: ROW_MODELS_VERSION, position: to };
    if (!(await rows.commit(from, next, tx.writes(), reset))) throw new Moved();
    from = next;
    reset = false;
    tx = new RowTransaction(rows, false);
    sinceCommit = 0;
  };
  try {
    await forEachPage(store, position, options.pageSize ?? 2000, async (page) => {
      for (const recorded of page) {
        if (stop?.(recorded) === true) {
          stopped = true;
          return false;
        }
        await fold(tx, decoder, recorded);
        position = recorded.globalPosition;
        events++;
        sinceCommit++;
        if (sinceCommit >= batchEvents) await commit(position);
      }
      progress?.update(events);
      return true;
    });
    // Every event up to the head read at the start has been seen: the rows reflect the head even when it is a gap.
    if (!stopped && options.asOf === undefined && position < head) position = head;
    if (sinceCommit > 0 || reset || from?.position !== position) await commit(position);
  } finally {
    progress?.stop();
  }
  return rebuilt === undefined ? { position, events } : { position, events, rebuilt };
}

async function fold(tx: RowTransaction, decoder: EventDecoder<DomainEvent>, recorded: RecordedEvent): Promise<void> {
  const decoded = decoder.decode(recorded);
  if (decoded._tag === "Left") {
    throw new ProjectionDecodeError(recorded.streamName, recorded.version, recorded.globalPosition, decoded.left);
  }
  for (const model of allRowModels) {
    try {
      await model.apply(tx, decoded.right, recorded);
    } catch (cause) {
      throw new ProjectionApplyError(model.name, recorded.globalPosition, recorded.type, cause);
    }
  }
}
