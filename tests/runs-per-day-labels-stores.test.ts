import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteRowStore } from "@cloud-ledger/adapters/read-models-sqlite";
import { createPostgresRowStore } from "@cloud-ledger/adapters/read-models-postgres";
import type { ReadModelRowStore } from "@cloud-ledger/domain";
import { runsPerDayLabels } from "@cloud-ledger/projections";
import { useTestDatabase } from "./support/postgres.js";

// The runs/day label cache in both SQL row stores: what the CLI's `schedule list` reads on a hit, and recounts when a
// row's text has been tampered with (not JSON, or JSON that is no label).
const NOW = "2026-11-30T10:17:42.123Z";
const KEY = "2026-11-30 @hourly";
const CHECKPOINT = { version: "test", position: 1 };

interface SqlRows {
  readonly rows: ReadModelRowStore;
  /** The stored text of the @hourly row. */
  readonly text: () => Promise<string | undefined>;
  readonly overwrite: (text: string) => Promise<void>;
}

const folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-labels-"));
const database = useTestDatabase();
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function sqlite(): SqlRows {
  const file = path.join(folder, "ledger.sqlite");
  const rows = openSqliteRowStore({ path: file });
  const sql = <T>(run: (db: Database.Database) => T): T => {
    const db = new Database(file);
    try {
      return run(db);
    } finally {
      db.close();
    }
  };
  return {
    rows,
    text: () =>
      Promise.resolve(
        sql((db) => db.prepare("SELECT value FROM read_model_rows WHERE model = 'runs-per-day-label' AND key = ?").pluck().get(KEY)) as
          string | undefined,
      ),
    overwrite: (text) => {
      sql((db) => db.prepare("UPDATE read_model_rows SET value = ? WHERE model = 'runs-per-day-label' AND key = ?").run(text, KEY));
      return Promise.resolve();
    },
  };
}

async function postgres(): Promise<SqlRows> {
  const rows = await createPostgresRowStore({ connectionString: database.url, schema: "labels", maxConnections: 2 });
  const table = '"labels"."cl_read_model_rows"';
  return {
    rows,
    text: async () =>
      (await database.admin.query<{ value: string }>(`SELECT value FROM ${table} WHERE model = 'runs-per-day-label' AND key = $1`, [KEY]))
        .rows[0]?.value,
    overwrite: async (text) => {
      await database.admin.query(`UPDATE ${table} SET value = $1 WHERE model = 'runs-per-day-label' AND key = $2`, [text, KEY]);
    },
  };
}

describe.each([
  ["sqlite", () => Promise.resolve(sqlite())],
  ["postgres", postgres],
])("runs/day labels cached in %s read-model rows", (_name, open) => {
  it("writes a label on a miss, reads it back on a hit, and recounts a row whose text was tampered with", async () => {
    const { rows, text, overwrite } = await open();
    try {
      expect(await rows.commit(undefined, CHECKPOINT, [], false)).toBe(true);
      expect((await runsPerDayLabels(rows, ["@hourly"], NOW)).get("@hourly")).toBe("24.0");
      expect(await text()).toBe('"24.0"');
      await overwrite('"7.0"'); // a label no count gives: shown only if read from the row
      expect((await runsPerDayLabels(rows, ["@hourly"], NOW)).get("@hourly")).toBe("7.0");
      for (const tampered of ["{not json", "24", '"24"', '"1440.05"']) {
        await overwrite(tampered);
        expect((await runsPerDayLabels(rows, ["@hourly"], NOW)).get("@hourly"), tampered).toBe("24.0");
        expect(await text(), tampered).toBe('"24.0"');
      }
      expect(await rows.checkpoint()).toEqual(CHECKPOINT);
    } finally {
      await rows.close();
    }
  });
});
