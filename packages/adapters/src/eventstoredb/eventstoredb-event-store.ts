import { randomUUID } from "node:crypto";
import {
  EventStoreDBClient,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from "@eventstore/db-client";
import type { AppendResult, EventStore, ExpectedVersion, NewEvent, RecordedEvent } from "@cloud-ledger/domain";
import {
  assertValidAppend,
  assertValidReadAllOptions,
  assertValidReadStreamOptions,
  assertValidStreamName,
  checkExpectedVersion,
  InvalidEventError,
  StoreClosedError,
  WrongExpectedVersionError,
} from "@cloud-ledger/domain";
import { fromRecord, toProposedEvent } from "./event-mapping.js";
import {
  isSystemRecord,
  planStreamRead,
  readAllStart,
  toExpectedRevision,
  versionOfCurrentRevision,
  versionOfRevision,
} from "./translate.js";

/** The part of the client the store uses (so a newer client, or a test double, can stand in). */
export type EsdbClient = Pick<EventStoreDBClient, "appendToStream" | "readStream" | "readAll" | "dispose">;

export type EventStoreDbOptions = { readonly client: EsdbClient } | { readonly connectionString: string };

/**
 * The EventStoreDB store (server 22.6 or later: stream reads must report positions). Kept thin so the frozen
 * @eventstore/db-client can be swapped for @kurrent/kurrentdb-client. Differences from the other stores, by design:
 * - globalPosition is the server's commit position (a log offset): strictly increasing in commit order, not 1..n;
 *   `readAll({ after })` takes 0 or a position this store returned (not arbitrary numbers such as position - 1).
 * - the server id of each event is a fresh UUID per append attempt, so a resent append is a version conflict as in
 *   every other store (not a silent server-side dedup); the command id in metadata is how retries are recognised.
 * - no `appendStreams`: the server commits one stream per append (no transaction spans streams), so the store does
 *   not pretend; two-stream commands then write stream by stream and repair an interrupted pair on the next command.
 * A client passed in stays open on close(); one made from a connection string is disposed.
 */
export function createEventStoreDbEventStore(options: EventStoreDbOptions): EventStore {
  const owned = "connectionString" in options;
  const client: EsdbClient = owned ? EventStoreDBClient.connectionString(options.connectionString) : options.client;
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new StoreClosedError("eventstoredb");
  };

  /** The stream's events in read order, or [] when it does not exist (the client throws that DURING iteration). */
  const readRecords = async (streamName: string, options?: Parameters<EventStore["readStream"]>[1]): Promise<RecordedEvent[]> => {
    const plan = planStreamRead(options);
    if (plan.empty) return [];
    const out: RecordedEvent[] = [];
    try {
      const read = client.readStream(streamName, {
        direction: plan.direction,
        fromRevision: plan.fromRevision,
        ...(plan.maxCount === undefined ? {} : { maxCount: plan.maxCount }),
      });
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        if (resolved.event === undefined) continue;
        const version = versionOfRevision(resolved.event.revision);
        if (version < plan.low || version > plan.high) break;
        out.push(fromRecord(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  };

  // Only the last event's revision, not decoded, so a corrupt event cannot hide the stream's version.
  const streamVersion = async (streamName: string): Promise<number> => {
    try {
      const read = client.readStream(streamName, { direction: "backwards", fromRevision: "end", maxCount: 1 });
      for await (const resolved of read as AsyncIterable<ResolvedEvent>) {
        if (resolved.event !== undefined) return versionOfRevision(resolved.event.revision);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return 0;
      throw error;
    }
    return 0;
  };

  const append = async (streamName: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> => {
    if (events.length === 0) {
      const current = await streamVersion(streamName);
      checkExpectedVersion(streamName, expected, current);
      return { nextExpectedVersion: current };
    }
    let nextRevision: bigint;
    try {
      const result = await client.appendToStream(
        streamName,
        events.map((event) => toProposedEvent(event, randomUUID())) as unknown as Parameters<EsdbClient["appendToStream"]>[1],
        { expectedRevision: toExpectedRevision(expected) },
      );
      nextRevision = result.nextExpectedRevision;
    } catch (error) {
      if (!(error instanceof EsdbWrongExpectedVersionError)) throw error;
      const actual = versionOfCurrentRevision(error.actualVersion) ?? (await streamVersion(streamName));
      throw new WrongExpectedVersionError(streamName, expected, actual);
    }
    const nextExpectedVersion = versionOfRevision(nextRevision);
    // The append result carries one position for the whole batch; read the batch back for each event's own.
    const written = await readRecords(streamName, { fromVersion: nextExpectedVersion - events.length + 1, toVersion: nextExpectedVersion });
    const first = written[0]?.globalPosition;
    const last = written.at(-1)?.globalPosition;
    if (first === undefined || last === undefined)
      throw new Error(`EventStoreDB: appended to '${streamName}' but could not read the events back`);
    return { nextExpectedVersion, positions: { first, last } };
  };

  /** User events of $all after `after`, in commit order, up to `limit`. */
  const readAll = async (after: number, limit: number | undefined): Promise<RecordedEvent[]> => {
    const out: RecordedEvent[] = [];
    if (limit === 0) return out;
    const read = client.readAll({ direction: "forwards", fromPosition: readAllStart(after) });
    for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
      const record = resolved.event;
      if (record === undefined || isSystemRecord(record.streamId, record.type)) continue;
      if (Number(record.position.commit) <= after) continue;
      out.push(fromRecord(record));
      if (limit !== undefined && out.length >= limit) break;
    }
    return out;
  };

  const headPosition = async (): Promise<number> => {
    for await (const resolved of client.readAll({ direction: "backwards", fromPosition: "end" }) as AsyncIterable<AllStreamResolvedEvent>) {
      const record = resolved.event;
      if (record !== undefined && !isSystemRecord(record.streamId, record.type)) return Number(record.position.commit);
    }
    return 0;
  };

  return {
    name: "eventstoredb",
    async append(streamName, events, options) {
      ensureOpen();
      assertValidAppend(streamName, events, options);
      // The server owns $-streams (and readAll leaves them out), so an event there would vanish from global reads.
      if (streamName.startsWith("$"))
        throw new InvalidEventError(streamName, undefined, "EventStoreDB reserves stream names starting with '$'");
      return append(streamName, events, options.expectedVersion);
    },
    async readStream(streamName, options) {
      ensureOpen();
      assertValidStreamName(streamName);
      assertValidReadStreamOptions(options);
      return readRecords(streamName, options);
    },
    async readAll(options) {
      ensureOpen();
      assertValidReadAllOptions(options);
      return readAll(options?.after ?? 0, options?.limit);
    },
    async streamVersion(streamName) {
      ensureOpen();
      assertValidStreamName(streamName);
      return streamVersion(streamName);
    },
    async headPosition() {
      ensureOpen();
      return headPosition();
    },
    async close() {
      if (closed) return;
      closed = true;
      if (owned) await client.dispose();
    },
  };
}
