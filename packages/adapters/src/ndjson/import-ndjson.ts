import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { EventStore, NewEvent, Sha256Hasher } from "@cloud-ledger/domain";
import { LogOrderChecker } from "./log-order-checker.js";
import { NdjsonFormatError } from "./ndjson-format.js";
import { parseEventLine, parseHeader } from "./parse-event-line.js";
import { readLines } from "./read-lines.js";

/** A stream to read once (spooled to a temp file for the second pass), or a way to open the same content twice. */
export type NdjsonSource = Readable | (() => Readable);

export interface ImportOptions {
  /** Check every event's hash link while validating (default true): a tampered file then writes nothing. */
  readonly verifyChain?: boolean;
  /** SHA-256 for the chain check (default the domain's portable one; `nodeSha256Hex` from ./crypto is faster). */
  readonly sha256?: Sha256Hasher;
  /** The most events of one stream sent in one append. Default 500. */
  readonly batchSize?: number;
}

export interface ImportResult {
  readonly events: number;
  readonly streams: number;
}

/** `headPosition`, when given, lets an import into an empty store skip the per-stream existence checks. */
type Store = Pick<EventStore, "append" | "streamVersion"> & Partial<Pick<EventStore, "headPosition">>;

/**
 * Pass 1: reads every line and checks it (format, the port's input rules, versions 1, 2, 3… per stream, strictly
 * increasing positions, optionally the hash chain, and that no stream already exists in the target), keeping only
 * each stream's last version and hash. Any fault throws NdjsonFormatError with its line number before anything is
 * written. Pass 2: re-reads the lines and appends runs of one stream with their exact expected version, so order,
 * ids, metadata and hashes carry over; the target assigns its own global positions, in the same order.
 */
export async function importFromNdjson(source: NdjsonSource, store: Store, options: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be an integer >= 1");
  if (typeof source === "function") {
    const checked = await validate(source(), store, new LogOrderChecker(options.verifyChain ?? true, options.sha256));
    await write(source(), store, batchSize);
    return checked;
  }
  const folder = await mkdtemp(join(tmpdir(), "cloud-ledger-import-"));
  try {
    const spool = join(folder, "spool.ndjson");
    const checked = await validate(source, store, new LogOrderChecker(options.verifyChain ?? true, options.sha256), spool);
    await write(createReadStream(spool), store, batchSize);
    return checked;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function validate(input: Readable, store: Store, checker: LogOrderChecker, spoolPath?: string): Promise<ImportResult> {
  const spool = spoolPath === undefined ? undefined : createWriteStream(spoolPath);
  // An empty target has no streams to collide with: skip one round trip per stream.
  const targetEmpty = store.headPosition !== undefined && (await store.headPosition()) === 0;
  let events = 0;
  let sawHeader = false;
  try {
    for await (const { text, number } of readLines(input)) {
      if (spool !== undefined && !spool.write(`${text}\n`)) await once(spool, "drain");
      if (!sawHeader) {
        parseHeader(text);
        sawHeader = true;
        continue;
      }
      const event = parseEventLine(text, number);
      const newStream = checker.checkOrder(event, number);
      if (newStream && !targetEmpty && (await store.streamVersion(event.streamName)) !== 0) {
        throw new NdjsonFormatError(number, `stream '${event.streamName}' already exists in the target store`);
      }
      checker.accept(event, number);
      events += 1;
    }
    if (!sawHeader) parseHeader(undefined);
  } finally {
    if (spool !== undefined) {
      spool.end();
      await once(spool, "close");
    }
  }
  return { events, streams: checker.streams };
}

async function write(input: Readable, store: Store, batchSize: number): Promise<void> {
  let stream = "";
  let firstVersion = 0;
  let batch: NewEvent[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await store.append(stream, batch, { expectedVersion: firstVersion === 1 ? "no_stream" : firstVersion - 1 });
    batch = [];
  };
  let first = true;
  for await (const { text, number } of readLines(input)) {
    if (first) {
      first = false;
      continue;
    }
    const event = parseEventLine(text, number);
    if (event.streamName !== stream || batch.length >= batchSize) {
      await flush();
      stream = event.streamName;
      firstVersion = event.version;
    }
    const { eventId, type, schemaVersion, data, metadata, hash } = event;
    batch.push({ eventId, type, schemaVersion, data, metadata, hash });
  }
  await flush();
}
