/**
 * Tampering straight in the tables of the SQL stores, as someone with database access would: the same kinds as
 * `tamperList`, written once over a small dialect (SQLite and PostgreSQL name their columns differently).
 */
import type { RecordedEvent } from "@cloud-ledger/domain";
import { editedData, forgedEvent, otherHash, type Tamper } from "./reliability-tamper.js";

export interface SqlDialect {
  /** The events table, quoted as needed. */
  readonly table: string;
  readonly streamColumn: string;
  readonly positionColumn: string;
  /** Runs one statement with `?` placeholders. */
  run(sql: string, params: readonly unknown[]): Promise<void>;
  /** Runs one query with `?` placeholders and returns its first column of the first row. */
  scalar(sql: string, params: readonly unknown[]): Promise<number>;
}

const CONTENT = ["event_id", "type", "schema_version", "data", "metadata", "hash"] as const;

function contentValues(event: RecordedEvent): unknown[] {
  return [event.eventId, event.type, event.schemaVersion, JSON.stringify(event.data), JSON.stringify(event.metadata), event.hash];
}

/** Applies `tamper` to the rows; `log` is what the store held before (to read the events' contents from). */
export async function tamperRows(db: SqlDialect, log: readonly RecordedEvent[], tamper: Tamper): Promise<void> {
  const { table, streamColumn: s, positionColumn: p } = db;
  const find = (version: number): RecordedEvent => {
    const found = log.find((e) => e.streamName === tamper.streamName && e.version === version);
    if (found === undefined) throw new Error(`no ${tamper.streamName}@${version}`);
    return found;
  };
  const target = find(tamper.version);
  const next = find(tamper.version + 1);
  const where = `WHERE ${s} = ? AND version = ?`;
  const setContent = `UPDATE ${table} SET ${CONTENT.map((c) => `${c} = ?`).join(", ")} ${where}`;
  const top = async (): Promise<number> => db.scalar(`SELECT MAX(${p}) FROM ${table}`, []);
  switch (tamper.kind) {
    case "edit-data":
      return db.run(`UPDATE ${table} SET data = ? ${where}`, [JSON.stringify(editedData(target.data)), target.streamName, target.version]);
    case "edit-actor":
      return db.run(`UPDATE ${table} SET metadata = ? ${where}`, [
        JSON.stringify({ ...target.metadata, actor: "github:6666" }),
        target.streamName,
        target.version,
      ]);
    case "edit-hash":
      return db.run(`UPDATE ${table} SET hash = ? ${where}`, [otherHash(target.hash), target.streamName, target.version]);
    case "delete":
      return db.run(`DELETE FROM ${table} ${where}`, [target.streamName, target.version]);
    case "swap":
      await db.run(setContent, [...contentValues(next), target.streamName, target.version]);
      return db.run(setContent, [...contentValues(target), next.streamName, next.version]);
    case "move": {
      // Exchange the two rows' global positions through a free one (positions are the primary key).
      const spare = (await top()) + 1000;
      await db.run(`UPDATE ${table} SET ${p} = ? WHERE ${p} = ?`, [spare, target.globalPosition]);
      await db.run(`UPDATE ${table} SET ${p} = ? WHERE ${p} = ?`, [target.globalPosition, next.globalPosition]);
      return db.run(`UPDATE ${table} SET ${p} = ? WHERE ${p} = ?`, [next.globalPosition, spare]);
    }
    case "insert": {
      // Shift the stream's later versions up by one (through a free range: (stream, version) is unique), then add the forgery.
      await db.run(`UPDATE ${table} SET version = version + 1000000 WHERE ${s} = ? AND version >= ?`, [target.streamName, target.version]);
      await db.run(`UPDATE ${table} SET version = version - 999999 WHERE ${s} = ? AND version >= 1000000`, [target.streamName]);
      const position = (await top()) + 1;
      return db.run(`INSERT INTO ${table} (${p}, ${s}, version, ${CONTENT.join(", ")}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        position,
        target.streamName,
        target.version,
        ...contentValues(forgedEvent(target)),
      ]);
    }
  }
}
