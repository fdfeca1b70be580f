import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { EventStore, JsonValue } from "@cloud-ledger/domain";
import { verifyStore } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { exportToNdjson, importFromNdjson } from "@cloud-ledger/adapters/ndjson";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { createTestDatabase, type TestDatabase } from "./support/postgres.js";

const folder = mkdtempSync(join(tmpdir(), "cloud-ledger-crossstore-"));
let database: TestDatabase | undefined;
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await database?.drop();
});

async function exportText(store: EventStore): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await exportToNdjson(store, sink, { pageSize: 50 });
  return Buffer.concat(chunks).toString("utf8");
}

const PAYLOADS: JsonValue[] = [
  { zeta: 1, alpha: { b: [1, 2.5, -0.001], a: null }, ключ: "значение", emoji: "👩‍👩‍👧 𝄞" },
  { big: 1e21, small: 5e-324, max: Number.MAX_SAFE_INTEGER, text: 'tab\t"quote" \\ \u2028' },
  [{ y: 2, x: 1 }, "two", 3, true, null],
  "top-level string",
];

async function seed(store: EventStore): Promise<void> {
  const tips = new Map<string, { version: number; hash: string }>();
  for (let round = 0; round < 30; round += 1) {
    const stream = `org-${round % 7}/project ${round % 3}`;
    const tip = tips.get(stream);
    const events = sampleEvents(stream, 1 + (round % 4), {
      data: (i) => PAYLOADS[(round + i) % PAYLOADS.length]!,
      metadata: { tenant: `t-${round % 2}`, nested: { b: 2, a: 1 } },
      ...(tip === undefined ? {} : { after: tip }),
    });
    await store.append(stream, events, { expectedVersion: tip?.version ?? "no_stream" });
    tips.set(stream, { version: (tip?.version ?? 0) + events.length, hash: events[events.length - 1]!.hash });
  }
}

describe("NDJSON between stores", () => {
  it("SQLite -> PostgreSQL -> export gives byte-identical NDJSON, and the chain still verifies", async () => {
    const sqlite = openSqliteEventStore({ path: join(folder, "source.db") });
    await seed(sqlite);
    const fromSqlite = await exportText(sqlite);
    await sqlite.close();

    database = await createTestDatabase();
    const postgres = await createPostgresEventStore({ connectionString: database.url });
    try {
      expect(await importFromNdjson(() => Readable.from([fromSqlite]), postgres, { batchSize: 2 })).toMatchObject({ streams: 21 });
      const fromPostgres = await exportText(postgres);
      expect(fromPostgres).toBe(fromSqlite);
      expect(await verifyStore(postgres)).toMatchObject({ ok: true, streams: 21 });

      const memory = createMemoryEventStore();
      await importFromNdjson(Readable.from([fromPostgres]), memory);
      expect(await exportText(memory)).toBe(fromSqlite);
    } finally {
      await postgres.close();
    }
  });
});
