/**
 * Tampering (issue 8): on every store — memory, SQLite, PostgreSQL and NDJSON files — editing (data, actor or hash),
 * deleting, reordering (swapping contents, moving in global order) or inserting any stored event that has a successor
 * in its stream is caught by `audit verify` (verifyStore; the NDJSON import's validation for files) at exactly that
 * stream and version. Targets are picked at random (seeded) from a log built by random commands on the scenario world.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { importFromNdjson, NDJSON_HEADER, NdjsonFormatError, serializeEvent } from "@cloud-ledger/adapters/ndjson";
import { verifyStore, type EventStore, type RecordedEvent } from "@cloud-ledger/domain";
import { auditVerify } from "./support/reliability-cli.js";
import { buildLog, loadLog, pickTampers, tamperList, toNew, type Tamper } from "./support/reliability-tamper.js";
import { tamperRows, type SqlDialect } from "./support/reliability-tamper-sql.js";
import { createTestDatabase, type TestDatabase } from "./support/postgres.js";

const SEED = 8_2026;
const PER_KIND = 3;
const folder = mkdtempSync(join(tmpdir(), "cloud-ledger-tamper-"));
let log: readonly RecordedEvent[];
let tampers: readonly Tamper[];

beforeAll(async () => {
  log = await buildLog(SEED, 250);
  tampers = pickTampers(log, SEED, PER_KIND);
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const label = (t: Tamper): string => `${t.kind} at ${t.streamName}@${t.version}`;

async function expectCaughtAt(store: EventStore, tamper: Tamper): Promise<void> {
  const result = await verifyStore(store, { pageSize: 37 });
  expect(result.ok, label(tamper)).toBe(false);
  if (result.ok) return;
  expect(
    { streamName: result.fault.streamName, version: result.fault.version },
    `${label(tamper)} -> ${JSON.stringify(result.fault)}`,
  ).toEqual({
    streamName: tamper.streamName,
    version: tamper.version,
  });
}

describe("tampering is caught at the exact stream and version", () => {
  it("the log is realistic and every kind of tampering gets several targets", () => {
    expect(log.length).toBeGreaterThan(100);
    expect(new Set(log.map((e) => e.type)).size).toBeGreaterThan(12);
    expect(new Set(tampers.map((t) => t.streamName)).size).toBeGreaterThan(3);
  });

  it("memory store", async () => {
    const clean = createMemoryEventStore();
    await loadLog(clean, log);
    expect(await verifyStore(clean)).toMatchObject({ ok: true, events: log.length });
    for (const tamper of tampers) {
      const store = createMemoryEventStore();
      // The memory store has no storage to edit behind its back: it is handed the tampered history instead.
      for (const event of tamperList(log, tamper)) await store.append(event.streamName, [toNew(event)], { expectedVersion: "any" });
      await expectCaughtAt(store, tamper);
    }
  });

  it("NDJSON file: import refuses it at the tampered line, naming stream and version, and writes nothing", async () => {
    const file = (events: readonly RecordedEvent[]): string => `${[NDJSON_HEADER, ...events.map(serializeEvent)].join("\n")}\n`;
    const cleanTarget = createMemoryEventStore();
    await importFromNdjson(() => Readable.from([file(log)]), cleanTarget);
    expect(await verifyStore(cleanTarget)).toMatchObject({ ok: true, events: log.length });
    for (const tamper of tampers) {
      const tampered = tamperList(log, tamper);
      const line = 2 + tampered.findIndex((e) => e.streamName === tamper.streamName && e.version >= tamper.version);
      const target = createMemoryEventStore();
      const error = await importFromNdjson(() => Readable.from([file(tampered)]), target).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, label(tamper)).toBeInstanceOf(NdjsonFormatError);
      const { line: at, reason } = error as NdjsonFormatError;
      expect(at, `${label(tamper)}: ${reason}`).toBe(line);
      expect(reason, label(tamper)).toContain(`'${tamper.streamName}'`);
      expect(
        reason.includes(`version ${tamper.version} `) || reason.endsWith(`expected ${tamper.version}`),
        `${label(tamper)}: ${reason}`,
      ).toBe(true);
      expect(await target.headPosition(), "nothing written").toBe(0);
    }
  });

  it("SQLite file, edited with SQL", async () => {
    const base = join(folder, "base.sqlite");
    const loaded = openSqliteEventStore({ path: base, synchronous: "NORMAL" });
    await loadLog(loaded, log);
    expect(await verifyStore(loaded)).toMatchObject({ ok: true, events: log.length });
    await loaded.close();
    const cliCases = new Set<string>(["edit-data", "delete", "insert"]);
    for (const [index, tamper] of tampers.entries()) {
      const path = join(folder, `tampered-${index}.sqlite`);
      copyFileSync(base, path);
      const db = new Database(path);
      const dialect: SqlDialect = {
        table: "events",
        streamColumn: "stream",
        positionColumn: "position",
        run: (sql, params) => Promise.resolve(void db.prepare(sql).run(...params)),
        scalar: (sql, params) =>
          Promise.resolve(
            db
              .prepare(sql)
              .pluck()
              .get(...params) as number,
          ),
      };
      await tamperRows(dialect, log, tamper);
      db.close();
      const store = openSqliteEventStore({ path });
      await expectCaughtAt(store, tamper);
      await store.close();
      if (cliCases.delete(tamper.kind)) {
        const audit = auditVerify(`sqlite:${path}`);
        expect(audit.status, `${label(tamper)}: ${audit.stderr}`).toBe(1);
        expect(audit.json.fault, label(tamper)).toMatchObject({ streamName: tamper.streamName, version: tamper.version });
      }
    }
    expect(cliCases.size, "the CLI saw an edit, a deletion and an insertion").toBe(0);
  }, 120_000);

  describe("PostgreSQL, edited with SQL", () => {
    let database: TestDatabase;
    let client: pg.Client;
    beforeAll(async () => {
      database = await createTestDatabase();
      client = new pg.Client({ connectionString: database.url });
      await client.connect();
    });
    afterAll(async () => {
      await client.end();
      await database.drop();
    });

    const dialectFor = (schema: string): SqlDialect => {
      const numbered = (sql: string): string => {
        let n = 0;
        return sql.replace(/\?/g, () => `$${(n += 1)}`);
      };
      return {
        table: `"${schema}".cl_events`,
        streamColumn: "stream_name",
        positionColumn: "global_position",
        run: async (sql, params) => void (await client.query(numbered(sql), [...params])),
        scalar: async (sql, params) => Number(Object.values((await client.query(numbered(sql), [...params])).rows[0] as object)[0]),
      };
    };

    it("every kind, each on its own copy of the log", async () => {
      const base = await createPostgresEventStore({ connectionString: database.url });
      await loadLog(base, log);
      expect(await verifyStore(base)).toMatchObject({ ok: true, events: log.length });
      for (const [index, tamper] of tampers.entries()) {
        const schema = `tampered_${index}`;
        const store = await createPostgresEventStore({ connectionString: database.url, schema, maxConnections: 1 });
        await client.query(`INSERT INTO "${schema}".cl_events SELECT * FROM public.cl_events`);
        await tamperRows(dialectFor(schema), log, tamper);
        await expectCaughtAt(store, tamper);
        await store.close();
      }
      // The CLI, pointed at the database, finds a deletion in the default schema.
      const deletion = tampers.find((t) => t.kind === "delete");
      if (deletion === undefined) throw new Error("no deletion picked");
      await tamperRows(dialectFor("public"), log, deletion);
      await expectCaughtAt(base, deletion);
      await base.close();
      const audit = auditVerify(database.url);
      expect(audit.status, audit.stderr).toBe(1);
      expect(audit.json.fault).toMatchObject({ streamName: deletion.streamName, version: deletion.version });
    }, 120_000);
  });
});
