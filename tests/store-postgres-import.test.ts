import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { importFromNdjson, type ImportOptions } from "@cloud-ledger/adapters/ndjson";
import { createPostgresEventStore, withPostgresTransaction } from "@cloud-ledger/adapters/postgres";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { BUILT_CLI, runCli } from "./support/cli-process.js";
import { acmeLog, type ValidLog } from "./support/import-logs.js";
import { useTestDatabase } from "./support/postgres.js";

// A log import into PostgreSQL is one transaction: a failure or a kill part-way leaves nothing.
const db = useTestDatabase();
let schemas = 0;
let log: ValidLog;
let home: string;

beforeAll(async () => {
  log = await acmeLog(3000);
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-pg-import-"));
}, 300_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

const source = () => Readable.from([`${log.lines.join("\n")}\n`]);

async function countIn(schema: string): Promise<number> {
  const found = await db.admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".cl_events`);
  return Number(found.rows[0]?.n);
}

describe("NDJSON import into PostgreSQL in one transaction", { timeout: 300_000 }, () => {
  const fresh = (): { schema: string; atomically: NonNullable<ImportOptions["atomically"]> } => {
    schemas += 1;
    const schema = `import_${schemas}`;
    return { schema, atomically: (work) => withPostgresTransaction({ connectionString: db.url, schema }, work) };
  };

  it("commits the whole log at once", async () => {
    const { schema, atomically } = fresh();
    await importFromNdjson(source, createMemoryEventStore(), { atomically, batchSize: 100 });
    expect(await countIn(schema)).toBe(log.lines.length - 1);
  });

  it("leaves nothing when an append fails after others landed", async () => {
    const { schema, atomically } = fresh();
    let appends = 0;
    const failing: NonNullable<ImportOptions["atomically"]> = (work) =>
      atomically((store) =>
        work({
          streamVersion: (name) => store.streamVersion(name),
          headPosition: () => store.headPosition(),
          readStream: (name, options) => store.readStream(name, options),
          readAll: (options) => store.readAll(options),
          append: async (name, events, options) => {
            appends += 1;
            if (appends === 10) throw new Error("connection lost");
            return store.append(name, events, options);
          },
        }),
      );
    await expect(importFromNdjson(source, createMemoryEventStore(), { atomically: failing, batchSize: 100 })).rejects.toThrow(
      "connection lost",
    );
    expect(appends).toBe(10);
    expect(await countIn(schema)).toBe(0);
  });

  it("refuses, writing nothing, when another writer appended between the check and the write", async () => {
    const { schema, atomically } = fresh();
    const other = await createPostgresEventStore({ connectionString: db.url, schema });
    let slipped = false;
    const racing: NonNullable<ImportOptions["atomically"]> = (work) =>
      atomically(async (store) => {
        if (!slipped) {
          slipped = true;
          await other.append("late", sampleEvents("late", 1), { expectedVersion: "no_stream" });
        }
        return work(store);
      });
    await expect(importFromNdjson(source, createMemoryEventStore(), { atomically: racing })).rejects.toMatchObject({ kind: "changed" });
    await other.close();
    expect(await countIn(schema)).toBe(1);
  });

  it("the CLI's import killed while it writes leaves nothing", async () => {
    ensurePackagesBuilt();
    expect(runCli(["login", "--github-user", "1001", "--login", "alice"], { home }).status).toBe(0);
    const big = await acmeLog(40_000);
    const file = path.join(home, "big.ndjson");
    writeFileSync(file, `${big.lines.join("\n")}\n`);
    const child = spawn(process.execPath, [BUILT_CLI, "log", "import", file, "--store", db.url], {
      cwd: home,
      env: { ...process.env, CLOUD_LEDGER_HOME: home, NO_COLOR: "1" },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, signal) => resolve(signal)));
    // The import opens (and migrates) the store only after checking the whole file; then it writes.
    const deadline = Date.now() + 120_000;
    for (;;) {
      // An append's statement names its CTE "bumped" (append-sql.ts): the import's connection has begun appending.
      const found = await db.admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query " +
          "LIKE '%bumped AS%'",
      );
      if (Number(found.rows[0]?.n) > 0) break;
      if (Date.now() > deadline) throw new Error("the import never started writing");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGKILL");
    expect(await exited, "the import must still have been running").toBe("SIGKILL");
    // The server notices the dropped connection and rolls back.
    for (let wait = 0; wait < 100; wait += 1) {
      const open = await db.admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
      if (Number(open.rows[0]?.n) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await countIn("public")).toBe(0);
  });
});
