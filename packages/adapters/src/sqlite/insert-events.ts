import type { Statement } from "better-sqlite3";
import type { NewEvent } from "@cloud-ledger/domain";
import type { SqliteDatabase } from "./open-database.js";

/** The most rows one INSERT carries: 128 rows x 8 parameters stays far below SQLite's 32,766 bound-variable limit. */
export const MAX_ROWS_PER_INSERT = 128;
const COLUMNS = "stream, version, event_id, type, schema_version, data, metadata, hash";
const PARAMS_PER_ROW = 8;

export interface InsertedPositions {
  readonly first: number;
  readonly last: number;
}

/** The row count of the next statement: the largest power of two that fits, capped at MAX_ROWS_PER_INSERT. */
export function nextChunkRows(remaining: number): number {
  let rows = 1;
  while (rows * 2 <= remaining && rows < MAX_ROWS_PER_INSERT) rows *= 2;
  return rows;
}

/**
 * Inserts a batch of events with multi-row INSERT statements instead of one statement per event: a batch of n costs
 * one bind and one step per set bit of n (100 = 64 + 32 + 4: three statements). Statements are prepared on first use
 * per power-of-two row count and kept, so a connection holds at most eight of them (one per count up to 100 would hold
 * far more memory; bench/NOTES.md). Must run inside the append's write transaction: positions come from the AUTOINCREMENT key, which
 * gives every row the greatest position so far + 1, so with the write lock held the batch's positions are
 * consecutive and the first follows from the last.
 */
export function createEventInserter(
  db: SqliteDatabase,
): (streamName: string, firstVersion: number, events: readonly NewEvent[]) => InsertedPositions {
  const statements = new Map<number, Statement>();
  const statementFor = (rows: number): Statement => {
    let statement = statements.get(rows);
    if (statement === undefined) {
      const row = `(${new Array<string>(PARAMS_PER_ROW).fill("?").join(", ")})`;
      statement = db.prepare(`INSERT INTO events (${COLUMNS}) VALUES ${new Array<string>(rows).fill(row).join(", ")}`);
      statements.set(rows, statement);
    }
    return statement;
  };

  return (streamName, firstVersion, events) => {
    let last = 0;
    for (let start = 0; start < events.length;) {
      const rows = nextChunkRows(events.length - start);
      const params = new Array<unknown>(rows * PARAMS_PER_ROW);
      for (let row = 0, at = 0; row < rows; row += 1, at += PARAMS_PER_ROW) {
        const event = events[start + row]!;
        params[at] = streamName;
        params[at + 1] = firstVersion + start + row;
        params[at + 2] = event.eventId;
        params[at + 3] = event.type;
        params[at + 4] = event.schemaVersion;
        params[at + 5] = JSON.stringify(event.data);
        params[at + 6] = JSON.stringify(event.metadata);
        params[at + 7] = event.hash;
      }
      const { changes, lastInsertRowid } = statementFor(rows).run(params);
      if (changes !== rows) throw new Error(`SQLite inserted ${changes} of ${rows} rows in one statement`);
      last = Number(lastInsertRowid);
      start += rows;
    }
    return { first: last - events.length + 1, last };
  };
}
