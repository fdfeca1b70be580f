import { Readable } from "node:stream";
import { StreamNotFoundError, WrongExpectedVersionError } from "@eventstore/db-client";
import type { EsdbClient } from "@cloud-ledger/adapters/eventstoredb";

/**
 * An in-process stand-in for an EventStoreDB server, behind the client methods the store calls, that behaves as the
 * server and @eventstore/db-client 6.2.1 do where the adapter must translate: revisions from 0, "no_stream" as the
 * current revision in conflicts (the client's own WrongExpectedVersionError), StreamNotFoundError raised while
 * iterating (not at the call), JSON bytes parsed by the client with a raw-string fallback, undecodable metadata
 * handed back as bytes, $all holding server events ($stats, $metadata) between ours, and commit positions that are
 * log offsets (growing by each record's size), not 1..n.
 * One deliberate leniency: a $all read from a position inside a record starts at the next record, where a real
 * server rejects the position (see eventstoredb.conformance.test.ts).
 */
interface StoredRecord {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  data: string;
  readonly metadata: string;
  readonly position: bigint;
}

type Resolved = { event: ReturnType<typeof toClientRecord> };

function toClientRecord(record: StoredRecord) {
  let data: unknown;
  try {
    data = JSON.parse(record.data) as unknown;
  } catch {
    data = record.data; // what convertGrpcRecord does with malformed JSON
  }
  let metadata: unknown;
  try {
    metadata = JSON.parse(record.metadata) as unknown;
  } catch {
    metadata = new Uint8Array(Buffer.from(record.metadata));
  }
  const position = { commit: record.position, prepare: record.position };
  return {
    streamId: record.streamId,
    id: record.id,
    revision: record.revision,
    type: record.type,
    isJson: true,
    data,
    metadata,
    created: new Date(0),
    position,
  };
}

/** Yields one event per pull, after a macrotask, so reads really interleave with concurrent appends. */
function streamingRead(produce: () => Iterable<Resolved>) {
  async function* pull(): AsyncGenerator<Resolved> {
    await new Promise((resolve) => setImmediate(resolve));
    for (const item of produce()) yield item;
  }
  return Object.assign(Readable.from(pull(), { objectMode: true }), { cancel: () => Promise.resolve() });
}

export class SimulatedEsdb {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private nextPosition = 0n;
  private nextId = 0;

  constructor() {
    this.writeSystem("$stats-127.0.0.1:2113", "$statsCollected");
  }

  private write(streamId: string, type: string, data: string, metadata: string): StoredRecord {
    const stream = this.streams.get(streamId) ?? [];
    this.nextId += 1;
    const record = {
      streamId,
      revision: BigInt(stream.length),
      id: `id-${this.nextId}`,
      type,
      data,
      metadata,
      position: this.nextPosition,
    };
    this.nextPosition += BigInt(96 + data.length + metadata.length); // a log offset, as on the server
    stream.push(record);
    this.streams.set(streamId, stream);
    this.log.push(record);
    return record;
  }

  private writeSystem(streamId: string, type: string): void {
    this.write(streamId, type, "{}", "{}");
  }

  /** Damages one stored record's data bytes, as a disk fault would. */
  corrupt(streamId: string, version: number): void {
    const record = this.streams.get(streamId)?.[version - 1];
    if (record === undefined) throw new Error(`no record ${streamId}@${version}`);
    record.data = '{"broken';
  }

  client(): EsdbClient {
    const appendToStream = async (streamName: string, events: unknown, options?: { expectedRevision?: unknown }) => {
      await new Promise((resolve) => setImmediate(resolve));
      const list = (Array.isArray(events) ? events : [events]) as { type: string; data: unknown; metadata: unknown }[];
      const stream = this.streams.get(streamName);
      const current = stream === undefined ? ("no_stream" as const) : BigInt(stream.length - 1);
      const expected = (options?.expectedRevision ?? "any") as "any" | "no_stream" | "stream_exists" | bigint;
      const ok =
        expected === "any" ||
        (expected === "no_stream" && current === "no_stream") ||
        (expected === "stream_exists" && current !== "no_stream") ||
        (typeof expected === "bigint" && expected === current);
      if (!ok) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
      let last: StoredRecord | undefined;
      for (const event of list) last = this.write(streamName, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata));
      if (streamName.length % 3 === 0) this.writeSystem(`$$${streamName}`, "$metadata");
      return { success: true, nextExpectedRevision: last!.revision, position: { commit: last!.position, prepare: last!.position } };
    };

    const readStream = (streamName: string, options?: { direction?: string; fromRevision?: unknown; maxCount?: number | bigint }) =>
      streamingRead(() => {
        const stream = this.streams.get(streamName);
        if (stream === undefined) throw new StreamNotFoundError(undefined, streamName);
        const backwards = options?.direction === "backwards";
        const from = options?.fromRevision ?? (backwards ? "end" : "start");
        const max = Number(options?.maxCount ?? Number.MAX_SAFE_INTEGER);
        const last = stream.length - 1;
        const start = from === "start" ? 0 : from === "end" ? last : Math.min(Number(from), backwards ? last : Number.MAX_SAFE_INTEGER);
        const picked = backwards ? stream.slice(0, start + 1).reverse() : stream.slice(start);
        return picked.slice(0, max).map((record) => ({ event: toClientRecord(record) }));
      });

    const readAll = (options?: { direction?: string; fromPosition?: unknown; maxCount?: number | bigint }) =>
      streamingRead(() => {
        const backwards = options?.direction === "backwards";
        const from = options?.fromPosition ?? (backwards ? "end" : "start");
        const max = Number(options?.maxCount ?? Number.MAX_SAFE_INTEGER);
        const log = [...this.log];
        let picked: StoredRecord[];
        if (backwards) picked = (from === "end" ? log : log.filter((r) => r.position <= (from as { commit: bigint }).commit)).reverse();
        else picked = from === "start" ? log : log.filter((r) => r.position >= (from as { commit: bigint }).commit);
        return picked.slice(0, max).map((record) => ({ event: toClientRecord(record) }));
      });

    return { appendToStream, readStream, readAll, dispose: () => Promise.resolve() };
  }
}
