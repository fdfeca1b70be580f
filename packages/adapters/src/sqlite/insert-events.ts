import type { Statement } from "better-sqlite3";
import type { NewEvent } from "@cloud-ledger/domain";
import type { SqliteDatabase } from "./open-database.js";

/** Rows per INSERT statement: 100 rows x 8 parameters stays far below SQLite's 32,766 bound-variable limit. */
export const ROWS_PER_INSERT = 100;
const COLUMNS = "stream, version, event_id, type, schema_version, data, metadata, hash";
const PARAMS_PER_ROW = 8;

export interface InsertedPositions {
  readonly first: number;
  readonly last: number;
}

/**
 * Inserts a batch of events with one multi-row INSERT per chunk of up to ROWS_PER_INSERT rows instead of one
 * statement per event: a batch costs one bind and one step per chunk. Statements are prepared on first use per row
 * count and kept, so at most ROWS_PER_INSERT of them exist per connection. Must run inside the append's write
 * transaction: positions come from the AUTOINCREMENT key, which gives every row the greatest position so far + 1, so
 * with the write lock held the batch's positions are consecutive and the first follows from the last.
 */
export function createEventInserter(db: SqliteDatabase): (streamName: string, firstVersion: number, events: readonly NewEvent[]) => InsertedPositions {
  const statements: (Statement | undefined)[] = [];
  const statementFor = (rows: number): Statement => {
    let statement = statements[rows];
    if (statement === undefined) {
      const row = `(${new Array<string>(PARAMS_PER_ROW).fill("?").join(", ")})`;
      statement = db.prepare(`INSERT INTO events (${COLUMNS}) VALUES ${new Array<string>(rows).fill(row).join(", ")}`);
      statements[rows] = statement;
    }
    return statement;
  };

  return (streamName, firstVersion, events) => {
    let last = 0;
    for (let start = 0; start < events.length; start += ROWS_PER_INSERT) {
      const rows = Math.min(ROWS_PER_INSERT, events.length - start);
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
    }
    return { first: last - events.length + 1, last };
  };
}
