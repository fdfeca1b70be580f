import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, isSafeDisplayText, type EventMetadata, type JsonValue } from "@cloud-ledger/domain";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";

/*
 * Issue 12, names that act on a terminal. Commands refuse them now, but a ledger written before that rule may still
 * hold one: here an organization whose recorded name carries an ESC sequence and a bidi override (its stream rewritten
 * and re-hashed, as an older version of the CLI would have written it). The built CLI must show it escaped in every
 * format for people, and exactly in JSON (as \u escapes), never act on the terminal.
 */
const HOSTILE = "acme\u001b[2J\u001b]0;owned\u0007\u202eevil\u202c";
let home: string;

interface Row {
  stream: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
}

/** Renames the organization in its OrganizationCreated event, re-links the stream's hash chain after it, drops the read models. */
function plantHostileName(file: string): void {
  const db = new Database(file);
  try {
    const created = db.prepare("SELECT stream FROM events WHERE type = 'OrganizationCreated'").get() as { stream: string };
    const rows = db
      .prepare("SELECT stream, version, event_id, type, schema_version, data, metadata FROM events WHERE stream = ? ORDER BY version")
      .all(created.stream) as Row[];
    let previous = GENESIS_HASH;
    for (const row of rows) {
      const data = JSON.parse(row.data) as Record<string, JsonValue>;
      if (row.type === "OrganizationCreated") data.name = HOSTILE;
      const hash = hashEvent(previous, {
        streamName: row.stream,
        version: row.version,
        eventId: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        data,
        metadata: JSON.parse(row.metadata) as EventMetadata,
      });
      db.prepare("UPDATE events SET data = ?, hash = ? WHERE stream = ? AND version = ?").run(
        JSON.stringify(data),
        hash,
        row.stream,
        row.version,
      );
      previous = hash;
    }
    // The ledger now holds a name written before the rule existed: its read-model rows are rebuilt from it, as after
    // an import or a row-model version change (rows built from the renamed event, not the ones `org create` left).
    // `org create` answers from its own result and leaves the rows to the next read (issue 13): there may be none yet.
    const rowsTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'read_model_rows'").get();
    if (rowsTable !== undefined) db.exec("DELETE FROM read_model_rows; DELETE FROM read_model_checkpoint;");
  } finally {
    db.close();
  }
}

beforeAll(() => {
  ensurePackagesBuilt();
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-hostile-names-"));
  for (const args of [
    ["login", "--github-user", "583231", "--login", "alice"],
    ["org", "create", "--name", "acme"],
  ]) {
    expect(runCli(args, { home }).status).toBe(0);
  }
  plantHostileName(path.join(home, "ledger.sqlite"));
}, 600_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

const safeLines = (text: string): boolean => text.split("\n").every(isSafeDisplayText);

describe("a name from an older event that would act on the terminal", () => {
  it("is refused by today's commands, naming the field and the code point", () => {
    const run = runCli(["project", "create", "--name", "Data\u202eatad", "--repo-url", "https://github.com/acme/data"], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("Error: Invalid CreateProject command: field 'name' contains U+202E (a right-to-left override).\n");
  });

  it("is listed escaped in terminal and markdown output, and exactly (as \\u escapes) in JSON", () => {
    const shown = "acme\\u{1b}[2J\\u{1b}]0;owned\\u{7}\\u{202e}evil\\u{202c}";
    // Markdown doubles the backslashes, so that the table renders the escapes as they are written.
    for (const [format, text] of [
      ["terminal", shown],
      ["markdown", shown.replaceAll("\\", "\\\\")],
    ] as const) {
      const run = runCli(["org", "list", "--format", format], { home });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(text);
      expect(safeLines(run.stdout)).toBe(true);
    }
    const json = runCli(["org", "list", "--format", "json"], { home });
    expect(json.status, json.stderr).toBe(0);
    expect(safeLines(json.stdout)).toBe(true);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(HOSTILE).slice(1, -1));
  });
});
