import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";
import { createTestDatabase, type TestDatabase } from "./support/postgres.js";
import { createAcmeGitRepository, json, ok, playAcmeScenario, type ScenarioOptions } from "./support/acme-cli-scenario.js";

// The built CLI against PostgreSQL (--store postgres://…): the same story, audit and NDJSON round trip as on SQLite.
let home: string;
let repository: string;
let database: TestDatabase;
let empty: TestDatabase;
let scenario: ScenarioOptions;

async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'");
    return Number(result.rows[0]?.n ?? -1);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-postgres-"));
  repository = createAcmeGitRepository();
  ensurePackagesBuilt();
  database = await createTestDatabase();
  empty = await createTestDatabase();
  scenario = { home, repository, store: database.url };
  playAcmeScenario(scenario);
}, 900_000);

afterAll(async () => {
  await database?.drop();
  await empty?.drop();
  rmSync(home, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

describe("cloud-ledger on PostgreSQL", { timeout: 300_000 }, () => {
  it("shows daily-transforms enabled on prod only and passes audit verify", () => {
    const matrix = json<{ schedule: string; deployments: Record<string, { enabled: boolean } | null> }[]>(["schedule", "matrix"], scenario);
    const daily = matrix.find((row) => row.schedule === "daily-transforms");
    expect(daily?.deployments.prod?.enabled).toBe(true);
    expect(daily?.deployments.staging?.enabled).toBe(false);
    expect(json<{ ok: boolean }>(["audit", "verify"], scenario).ok).toBe(true);
  });

  it("round-trips the log PostgreSQL → NDJSON → SQLite → NDJSON byte-identically", () => {
    const exported = path.join(home, "pg.ndjson");
    ok(["log", "export", "--output", exported], scenario);
    const sqlite = { ...scenario, store: `sqlite:${path.join(home, "from-pg.sqlite")}` };
    ok(["log", "import", exported], sqlite);
    expect(ok(["log", "export"], sqlite).stdout).toBe(readFileSync(exported, "utf8"));
  });

  it("a read on a database without a cloud-ledger store fails clearly and creates nothing", async () => {
    const run = runCli(["org", "list", "--as", "alice", "--store", empty.url], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Error: No cloud-ledger event store in postgres:\/\/.*: nothing has been recorded there yet\.\n$/);
    expect(await tableCount(empty.url)).toBe(0);
  });

  it("an unreachable server fails clearly (exit 1), without a stack trace", () => {
    const run = runCli(["org", "list", "--as", "alice", "--store", "postgres://cloud:secret@127.0.0.1:1/nowhere"], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Error: Cannot open the event store postgres:\/\/cloud:\*\*\*@127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED/);
    expect(run.stderr).not.toContain("secret");
    expect(run.stderr.split("\n").length).toBeLessThanOrEqual(2);
  });

  it("a domain rejection exits 1 with the rulebook's text and writes nothing", () => {
    const before = json<{ events: number }>(["audit", "verify"], scenario).events;
    const run = runCli(["deployment", "create", "--name", "prod", "--environment", "prod", "--git-rev", "main", "--store", database.url], {
      home,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      "Error: Deployment 'prod' already exists. Use `meltano cloud deployment update` to update an existing Meltano Cloud deployment.\n",
    );
    expect(json<{ events: number }>(["audit", "verify"], scenario).events).toBe(before);
  });
});
