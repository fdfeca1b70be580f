import type { AppendResult, EventStore, ExpectedVersion, NewEvent, RecordedEvent } from "@cloud-ledger/domain";
import {
  assertValidAppend,
  assertValidReadAllOptions,
  assertValidReadStreamOptions,
  assertValidStreamAppends,
  assertValidStreamName,
  assertValidStreamTailRequests,
  checkExpectedVersion,
  StoreClosedError,
  WrongExpectedVersionError,
} from "@cloud-ledger/domain";
import { createAppendQueue, type AppendUnit, type UnitOutcome } from "../append-plan/index.js";
import { BatchRaceError, writeBatch } from "./batch-append.js";
import { claimedWriteStatement, writeClaimedBatch } from "./claimed-batch.js";
import { appendParameters, appendStatement, rowsFor, type AppendRow } from "./append-sql.js";
import { openConnection, type Connection, type PostgresConnectionOptions } from "./connection.js";
import { decodeEventRow, EVENT_COLUMNS, type EventRow } from "./event-row.js";
import { migrate } from "./migrations.js";
import { readStreamsParameters, readStreamsStatement, type TailRow } from "./read-streams.js";
import { createTailReadQueue } from "./read-queue.js";

export type PostgresEventStoreOptions = PostgresConnectionOptions;

/**
 * The PostgreSQL event store (tables cl_events, cl_streams, cl_head in `schema`, default "public"). Opening runs the
 * schema migrations. Group commit: the appends (and multi-stream appends) made before the event loop's next turn, or
 * while a batch is in flight, go together in one transaction, each with its own expected-version check and outcome,
 * so one commit's fsync covers them all: one statement when their expected versions name every stream's version
 * (claimed-batch.ts, the usual case for commands), else BEGIN, lock, write, COMMIT (batch-append.ts; a savepoint
 * inside a caller's transaction). A batch of one single-stream append is one statement, hence one round trip and its
 * own transaction, unless the caller handed in a client that is inside BEGIN, in which case it joins that transaction
 * (and holds the head lock until it ends). The store's statements are named prepared statements (planned once per connection); behind a
 * connection pooler, that needs one that keeps prepared statements (PgBouncer >= 1.21 with max_prepared_statements,
 * or session pooling), and a caller's client must not run DISCARD ALL / DEALLOCATE ALL while the store uses it.
 * Reads are grouped the same way: the `readStreams` calls made before the loop's next turn share one statement
 * (read-queue.ts), each with its own answer and errors.
 */
export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<EventStore> {
  const connection = openConnection(options);
  try {
    await migrate(connection);
  } catch (error) {
    await connection.release();
    throw error;
  }
  return postgresEventStore(connection);
}

/** Runs the schema migrations alone (e.g. from a deploy step); returns the versions applied, [] when up to date. */
export async function migratePostgresEventStore(options: PostgresEventStoreOptions): Promise<number[]> {
  const connection = openConnection(options);
  try {
    return await migrate(connection);
  } finally {
    await connection.release();
  }
}

/** How often a batch is planned again after losing a race to create one of its streams before giving up. */
const MAX_BATCH_ATTEMPTS = 10;

function postgresEventStore(connection: Connection): EventStore {
  const t = connection.qualified;
  // One prepared append per row bucket (append-sql.ts), made when first needed.
  const appendStatements = new Map<number | "arrays", (values: readonly unknown[]) => Promise<AppendRow[]>>();
  const appendRows = (streamName: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendRow[]> => {
    const rows = rowsFor(events.length);
    let run = appendStatements.get(rows);
    if (run === undefined) {
      run = connection.statement<AppendRow>(appendStatement(t, rows));
      appendStatements.set(rows, run);
    }
    return run(appendParameters(streamName, events, expected, rows));
  };
  const versionRows = connection.statement<{ version: string }>(`SELECT version FROM ${t("cl_streams")} WHERE stream_name = $1`);
  // Forwards: fromVersion..toVersion ascending. Backwards: fromVersion (default: the last) down to toVersion.
  const streamSql = (order: "ASC" | "DESC"): string =>
    `SELECT ${EVENT_COLUMNS} FROM ${t("cl_events")}
     WHERE stream_name = $1 AND version >= $2 AND ($3::bigint IS NULL OR version <= $3::bigint)
     ORDER BY version ${order} LIMIT $4`;
  const forwardRows = connection.statement<EventRow>(streamSql("ASC"));
  const backwardRows = connection.statement<EventRow>(streamSql("DESC"));
  // Appends are serialised on cl_head (append-sql.ts), so whatever is visible is a gap-free prefix of positions.
  const allRows = connection.statement<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM ${t("cl_events")} WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
  );
  const tailRows = connection.statement<TailRow>(readStreamsStatement(t));
  const tails = createTailReadQueue((requests) => tailRows(readStreamsParameters(requests)));
  const claimedRows = connection.statement<{ base: string | null }>(claimedWriteStatement(t));
  const headRows = connection.statement<{ position: string }>(`SELECT position FROM ${t("cl_head")}`);
  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new StoreClosedError("postgres");
  };

  const streamVersion = async (streamName: string): Promise<number> => {
    const rows = await versionRows([streamName]);
    return rows[0] === undefined ? 0 : Number(rows[0].version);
  };

  const append = async (streamName: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> => {
    if (events.length === 0) {
      const current = await streamVersion(streamName);
      checkExpectedVersion(streamName, expected, current);
      return { nextExpectedVersion: current };
    }
    const [row] = await appendRows(streamName, events, expected);
    if (row?.version === null || row?.version === undefined || row.base === null) {
      // Nothing was written. This read runs in a new snapshot, so it sees the version that made the check fail.
      throw new WrongExpectedVersionError(streamName, expected, await streamVersion(streamName));
    }
    const base = Number(row.base);
    return { nextExpectedVersion: Number(row.version), positions: { first: base + 1, last: base + events.length } };
  };

  /** A batch in one transaction, planned again when another writer created one of its streams meanwhile. */
  const writeInTransaction = async (units: readonly AppendUnit[]): Promise<readonly UnitOutcome[]> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await connection.atomically((run) => writeBatch(run, t, units));
      } catch (error) {
        if (!(error instanceof BatchRaceError && attempt < MAX_BATCH_ATTEMPTS)) throw error;
      }
    }
  };

  const queue = createAppendQueue(async (units) => {
    const only = units.length === 1 ? units[0] : undefined;
    const part = only?.length === 1 ? only[0] : undefined;
    if (part === undefined) {
      // One statement when the units' expected versions claim every stream's version; inside a caller's transaction
      // a failed claim would abort that transaction, so there the batch takes the locking path at once.
      if (!connection.inCallerTransaction()) {
        const written = await writeClaimedBatch(claimedRows, units);
        if (written !== undefined) return written;
      }
      return writeInTransaction(units);
    }
    // A lone append keeps its one-statement path (one round trip, no BEGIN/COMMIT).
    try {
      return [{ ok: true, results: [await append(part.streamName, part.events, part.expectedVersion)] }];
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return [{ ok: false, error }];
      throw error;
    }
  });

  const decodeAll = (rows: readonly EventRow[]): RecordedEvent[] => rows.map(decodeEventRow);

  return {
    name: "postgres",
    async append(streamName, events, options) {
      ensureOpen();
      assertValidAppend(streamName, events, options);
      const [result] = await queue.submit([{ streamName, events: [...events], expectedVersion: options.expectedVersion }]);
      return result!;
    },
    async appendStreams(appends) {
      ensureOpen();
      assertValidStreamAppends(appends);
      if (appends.length === 0) return [];
      return queue.submit(appends.map(({ streamName, events, expectedVersion }) => ({ streamName, events: [...events], expectedVersion })));
    },
    async readStream(streamName, options) {
      ensureOpen();
      assertValidStreamName(streamName);
      assertValidReadStreamOptions(options);
      const backwards = options?.direction === "backwards";
      const low = backwards ? (options.toVersion ?? 1) : (options?.fromVersion ?? 1);
      const high = backwards ? (options.fromVersion ?? null) : (options?.toVersion ?? null);
      const rows = await (backwards ? backwardRows : forwardRows)([streamName, low, high, options?.limit ?? null]);
      return decodeAll(rows);
    },
    async readStreams(requests) {
      ensureOpen();
      assertValidStreamTailRequests(requests);
      if (requests.length === 0) return [];
      return tails.read(requests);
    },
    async readAll(options) {
      ensureOpen();
      assertValidReadAllOptions(options);
      return decodeAll(await allRows([options?.after ?? 0, options?.limit ?? null]));
    },
    async streamVersion(streamName) {
      ensureOpen();
      assertValidStreamName(streamName);
      return streamVersion(streamName);
    },
    async headPosition() {
      ensureOpen();
      const rows = await headRows([]);
      return Number(rows[0]?.position ?? 0);
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([queue.drain(), tails.drain()]);
      await connection.release();
    },
  };
}
