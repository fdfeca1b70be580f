import type { RecordedEvent, StreamTailRequest } from "@cloud-ledger/domain";
import { decodeEventRow } from "./event-row.js";
import type { TailRow } from "./read-streams.js";

/** Runs one readStreams statement (read-streams.ts) for these requests and returns its rows. */
export type TailStatement = (requests: readonly StreamTailRequest[]) => Promise<readonly TailRow[]>;

export interface TailReadQueue {
  /** The tails of `requests` (already validated), as one `readStreams` call would return them. */
  read(requests: readonly StreamTailRequest[]): Promise<RecordedEvent[][]>;
  /** Resolves once every read submitted so far has settled. */
  drain(): Promise<void>;
}

/** Calls answered by one statement; more waiting calls go in further statements of the same turn. */
export const MAX_READS_PER_STATEMENT = 64;

interface Waiting {
  readonly requests: readonly StreamTailRequest[];
  readonly resolve: (tails: RecordedEvent[][]) => void;
  readonly reject: (error: unknown) => void;
}

/** A stream's rows from the lowest version any call asked for, each decoded or the error decoding it raised. */
type Decoded = { readonly version: number } & ({ readonly event: RecordedEvent } | { readonly error: unknown });

/**
 * Read coalescing, the read side of group commit: concurrent commands each read their streams' tails first (the
 * reader's read-ahead), and with several writers those reads arrive in the same event-loop turn (the writers an
 * append batch just answered start their next commands together). Every `read` made before the loop's next turn
 * goes out as ONE statement, hence one round trip, one snapshot and one execution on the server, instead of one per
 * call. Each call still gets exactly what its own statement would have returned: a stream asked for by several calls
 * is read once, from the lowest version asked, and each request gets the rows from its own version on; a row that
 * does not decode fails only the calls whose requests cover it, with the error a separate read would have raised. The
 * statement runs after every call in it was made, so no call gets a read older than the call. When the statement
 * itself fails (the server or connection, not the data), each of its calls is read again alone, so a call's outcome
 * never depends on which others shared its statement.
 */
export function createTailReadQueue(statement: TailStatement): TailReadQueue {
  let pending: Waiting[] = [];
  let scheduled = false;
  let inFlight = 0;
  let idle: (() => void)[] = [];

  const settled = (): void => {
    if (scheduled || inFlight > 0 || pending.length > 0) return;
    const waiters = idle;
    idle = [];
    for (const done of waiters) done();
  };

  const readBatch = async (batch: readonly Waiting[]): Promise<void> => {
    // One request per stream, from the lowest version any call wants.
    const lowest = new Map<string, number>();
    for (const waiting of batch) {
      for (const { streamName, fromVersion } of waiting.requests) {
        const known = lowest.get(streamName);
        if (known === undefined || fromVersion < known) lowest.set(streamName, fromVersion);
      }
    }
    const requests = [...lowest].map(([streamName, fromVersion]) => ({ streamName, fromVersion }));
    let rows: readonly TailRow[];
    try {
      rows = await statement(requests);
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const waiting of batch) await readBatch([waiting]);
      return;
    }
    const byStream = new Map<string, Decoded[]>(requests.map((r) => [r.streamName, []]));
    for (const row of rows) {
      const request = requests[Number(row.ord) - 1];
      if (request === undefined) {
        const error = new Error(`readStreams: the server answered request ${row.ord} of ${requests.length}`);
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      const version = Number(row.version);
      let decoded: Decoded;
      try {
        decoded = { version, event: decodeEventRow(row) };
      } catch (error) {
        decoded = { version, error };
      }
      byStream.get(request.streamName)!.push(decoded);
    }
    for (const waiting of batch) answer(waiting, byStream);
  };

  const answer = (waiting: Waiting, byStream: ReadonlyMap<string, readonly Decoded[]>): void => {
    const tails: RecordedEvent[][] = [];
    for (const { streamName, fromVersion } of waiting.requests) {
      const tail: RecordedEvent[] = [];
      for (const decoded of byStream.get(streamName) ?? []) {
        if (decoded.version < fromVersion) continue;
        if ("error" in decoded) {
          waiting.reject(decoded.error);
          return;
        }
        tail.push(decoded.event);
      }
      tails.push(tail);
    }
    waiting.resolve(tails);
  };

  const flush = (): void => {
    scheduled = false;
    while (pending.length > 0) {
      const batch = pending.slice(0, MAX_READS_PER_STATEMENT);
      pending = pending.slice(batch.length);
      inFlight += 1;
      void readBatch(batch).finally(() => {
        inFlight -= 1;
        settled();
      });
    }
  };

  return {
    read(requests) {
      return new Promise<RecordedEvent[][]>((resolve, reject) => {
        pending.push({ requests, resolve, reject });
        if (scheduled) return;
        scheduled = true;
        setImmediate(flush);
      });
    },
    drain() {
      if (!scheduled && inFlight === 0 && pending.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idle.push(resolve));
    },
  };
}
