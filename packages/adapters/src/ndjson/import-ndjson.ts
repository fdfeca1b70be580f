import { createHash, type Hash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { EventStore, NewEvent, RecordedEvent, Sha256Hasher } from "@cloud-ledger/domain";
import { LogOrderChecker } from "./log-order-checker.js";
import { ImportTargetError, NdjsonFormatError } from "./ndjson-format.js";
import { parseEventLine, parseHeader } from "./parse-event-line.js";
import { MAX_EVENT_LINE_LENGTH, readLines } from "./read-lines.js";

/** A stream to read once (spooled to a temp file for the second pass), or a way to open the same content twice. */
export type NdjsonSource = Readable | (() => Readable);

/** Per-event rules beyond the format (e.g. the domain's `createLogReplayCheck()`: decode and replay every stream). */
export interface EventCheck {
  /** Folds a continued stream's events already in the target into its state, before the log's events of it. */
  seed(events: readonly RecordedEvent[]): void;
  /** What is wrong with the event, or undefined. */
  check(event: RecordedEvent): string | undefined;
}

/** The store the import reads and writes: the port's appends and reads. */
export type ImportStore = Pick<EventStore, "append" | "streamVersion" | "headPosition" | "readStream" | "readAll">;

export interface ImportOptions {
  /** Check every event's hash link while validating (default true): a tampered file then writes nothing. */
  readonly verifyChain?: boolean;
  /** SHA-256 for the chain check (default the domain's portable one; `nodeSha256Hex` from ./crypto is faster). */
  readonly sha256?: Sha256Hasher;
  /** The most events of one stream sent in one append. Default 500. */
  readonly batchSize?: number;
  /** Rules every event must keep besides the format's; a broken one refuses the file at that line. */
  readonly check?: EventCheck;
  /**
   * "empty" (default): the target must hold no event at all. "continue": the log continues the target — each stream's
   * first event in the file is version 1 of a stream the target does not have, or the next version of one it has,
   * linked to its last hash; every global position in the file is after the target's head; no event id is reused.
   */
  readonly mode?: "empty" | "continue";
  /**
   * Runs the writes as one transaction: every append made through the store handed to `work` commits when it
   * resolves, or none does when it throws (see each adapter's atomic import). Without it, each batch is its own append.
   */
  readonly atomically?: <T>(work: (store: ImportStore) => Promise<T>) => Promise<T>;
  /** The longest event line accepted, in characters; default MAX_EVENT_LINE_LENGTH (1 MiB). */
  readonly maxLineLength?: number;
}

export interface ImportResult {
  readonly events: number;
  readonly streams: number;
}

/**
 * Pass 1 reads every line and checks it (format, the port's input rules, the line length limit, versions 1, 2, 3…
 * per stream, strictly increasing positions, optionally the hash chain, event ids used once, the caller's per-event
 * check, and the target as `mode` requires), keeping each stream's last version and hash. Any fault throws
 * NdjsonFormatError with its line number (or ImportTargetError about the target) before anything is written.
 * Pass 2 re-reads the lines and appends runs of one stream with their exact expected version, so order, ids,
 * metadata and hashes carry over; the target assigns its own global positions, in the same order. Pass 2 first
 * checks that the target's head has not moved since pass 1, and finally that it read exactly the bytes pass 1
 * checked (a digest of both), so a file or target changed in between fails the import (rolled back when atomic).
 */
export async function importFromNdjson(
  source: NdjsonSource,
  store: ImportStore | StoreForAppends,
  options: ImportOptions = {},
): Promise<ImportResult> {
  if (typeof source === "function") {
    const prepared = await prepareNdjsonImport(source, store, options);
    await prepared.writeTo(store, options.atomically);
    return { events: prepared.events, streams: prepared.streams };
  }
  const folder = await mkdtemp(join(tmpdir(), "cloud-ledger-import-"));
  try {
    const spool = join(folder, "spool.ndjson");
    let first = true;
    // The stream can be read once: pass 1 copies it to the spool file, which pass 2 reads.
    const open = (): Readable => {
      if (!first) return createReadStream(spool);
      first = false;
      return source;
    };
    const prepared = await prepareNdjsonImport(open, store, options, spool);
    await prepared.writeTo(store, options.atomically);
    return { events: prepared.events, streams: prepared.streams };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A log that passed every check against a target as it was then; `writeTo` runs pass 2. */
export interface PreparedImport extends ImportResult {
  /** The target's head position the log was checked against (undefined when the target had no headPosition). */
  readonly head: number | undefined;
  /**
   * Appends the log to `store` (through `atomically` as one transaction when given). Fails with ImportTargetError
   * "changed", having written nothing when atomic, if the store's head is no longer `head` or the file changed.
   */
  writeTo(store: ImportStore | StoreForAppends, atomically?: ImportOptions["atomically"]): Promise<void>;
}

/**
 * Pass 1 alone: checks the log that `open` reads against `store` as it is now. A caller may check against a stand-in
 * (e.g. an empty store, before creating the real one) and write into the real store later: `writeTo` refuses a
 * target whose head differs from the one checked against.
 */
export async function prepareNdjsonImport(
  open: () => Readable,
  store: ImportStore | StoreForAppends,
  options: ImportOptions = {},
  spool?: string,
): Promise<PreparedImport> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be an integer >= 1");
  const maxLineLength = options.maxLineLength ?? MAX_EVENT_LINE_LENGTH;
  const checked = await validate(spool, open, store, options, maxLineLength);
  const writeAll = async (target: ImportStore | StoreForAppends): Promise<void> => {
    if (target.headPosition !== undefined && (await target.headPosition()) !== (checked.head ?? 0)) {
      throw new ImportTargetError("changed", "the target store changed after the log was checked against it");
    }
    const digest = await write(open(), target, batchSize, maxLineLength, checked.head ?? 0);
    if (digest !== checked.digest) throw new ImportTargetError("changed", "the log file changed while it was being imported");
  };
  return {
    events: checked.events,
    streams: checked.streams,
    head: checked.head,
    async writeTo(target, atomically) {
      if (atomically === undefined) await writeAll(target);
      else await atomically(writeAll);
    },
  };
}

/** The older, smaller shape a caller may hand in (appends and versions only): then the target must be new. */
type StoreForAppends = Pick<EventStore, "append" | "streamVersion"> & Partial<Pick<EventStore, "headPosition" | "readStream" | "readAll">>;

interface Checked extends ImportResult {
  /** The target's head when the log was checked against it. */
  readonly head: number | undefined;
  /** SHA-256 of the lines read. */
  readonly digest: string;
}

function addLine(digest: Hash, text: string): void {
  digest.update(text);
  digest.update("\n");
}

/** Reserves the target's event ids so a log that continues it cannot reuse one. */
async function reserveTargetIds(store: ImportStore, head: number, checker: LogOrderChecker): Promise<void> {
  for (let after = 0; after < head;) {
    const page = await store.readAll({ after, limit: 1000 });
    if (page.length === 0) break;
    for (const event of page) checker.reserveId(event.eventId, event.globalPosition);
    after = page[page.length - 1]!.globalPosition;
  }
}

async function validate(
  spoolPath: string | undefined,
  open: () => Readable,
  store: ImportStore | StoreForAppends,
  options: ImportOptions,
  maxLineLength: number,
): Promise<Checked> {
  const checker = new LogOrderChecker(options.verifyChain ?? true, options.sha256);
  const continuing = options.mode === "continue";
  const head = store.headPosition === undefined ? undefined : await store.headPosition();
  if (!continuing && head !== undefined && head > 0) {
    throw new ImportTargetError(
      "not-empty",
      `the target store already holds ${head} event positions; import into an empty store, or append a log that continues it`,
    );
  }
  if (continuing && (head === undefined || store.readStream === undefined || store.readAll === undefined)) {
    throw new TypeError("continuing a store needs its headPosition, readStream and readAll");
  }
  if (continuing && head! > 0) await reserveTargetIds(store as ImportStore, head!, checker);
  const digest = createHash("sha256");
  const input = open();
  const spool = spoolPath === undefined ? undefined : createWriteStream(spoolPath);
  let events = 0;
  let sawHeader = false;
  try {
    for await (const { text, number } of readLines(input, maxLineLength)) {
      if (spool !== undefined && !spool.write(`${text}\n`)) await once(spool, "drain");
      addLine(digest, text);
      if (!sawHeader) {
        parseHeader(text);
        sawHeader = true;
        continue;
      }
      const event = parseEventLine(text, number);
      if (events === 0 && continuing && event.globalPosition <= head!) {
        throw new NdjsonFormatError(number, `globalPosition ${event.globalPosition} is not after the target store's head ${head!}`);
      }
      if (continuing && checker.isNewStream(event.streamName))
        await startFromTarget(event, number, store as ImportStore, checker, options.check);
      else if (head === undefined && checker.isNewStream(event.streamName) && (await store.streamVersion(event.streamName)) !== 0) {
        throw new NdjsonFormatError(number, `stream '${event.streamName}' already exists in the target store`);
      }
      checker.checkOrder(event, number);
      checker.accept(event, number);
      const problem = options.check?.check(event);
      if (problem !== undefined) throw new NdjsonFormatError(number, `stream '${event.streamName}' version ${event.version}: ${problem}`);
      events += 1;
    }
    if (!sawHeader) parseHeader(undefined);
  } finally {
    if (spool !== undefined) {
      spool.end();
      await once(spool, "close");
    }
  }
  return { events, streams: checker.streams, head, digest: digest.digest("hex") };
}

/** A stream the log continues: its first event must follow the target's last one, version and hash. */
async function startFromTarget(
  event: RecordedEvent,
  line: number,
  store: ImportStore,
  checker: LogOrderChecker,
  check: EventCheck | undefined,
): Promise<void> {
  const current = await store.streamVersion(event.streamName);
  if (current === 0) return;
  if (event.version === 1) throw new NdjsonFormatError(line, `stream '${event.streamName}' already exists in the target store`);
  const existing = await store.readStream(event.streamName);
  const last = existing.at(-1);
  if (last === undefined || last.version !== current)
    throw new ImportTargetError("changed", `the target's stream '${event.streamName}' changed while it was read`);
  checker.seed(event.streamName, last.version, last.hash);
  check?.seed(existing);
}

/**
 * Appends the lines' events and returns the digest of the lines read. The first append must land right after `head`:
 * in a transaction, that append holds the store's write lock (SQLite) or head row (PostgreSQL) until the commit, so no
 * other writer got in between the check and the import, nor can it until the import ends.
 */
async function write(
  input: Readable,
  store: ImportStore | StoreForAppends,
  batchSize: number,
  maxLineLength: number,
  head: number,
): Promise<string> {
  const digest = createHash("sha256");
  let stream = "";
  let firstVersion = 0;
  let batch: NewEvent[] = [];
  let appended = false;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const result = await store.append(stream, batch, { expectedVersion: firstVersion === 1 ? "no_stream" : firstVersion - 1 });
    if (!appended && result.positions !== undefined && result.positions.first !== head + 1) {
      throw new ImportTargetError("changed", `another writer appended to the target store (head ${head}) while the log was being imported`);
    }
    appended = true;
    batch = [];
  };
  let first = true;
  for await (const { text, number } of readLines(input, maxLineLength)) {
    addLine(digest, text);
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
  return digest.digest("hex");
}
