/**
 * Crash safety (issue 8): a writing process is SIGKILLed at random (seeded) moments, many times, on SQLite and on
 * PostgreSQL. After each kill: `audit verify` passes (verifyStore), every append the process acknowledged is present at
 * the versions it was given, no batch is half-written, and every stored event decodes and keeps the domain's rules.
 * The command each kill cut short is retried with its command id by the next writer; after the last retry the
 * cross-stream rules hold (each project's index lists exactly its live deployments) and the CLI's `audit verify` passes.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createPostgresEventStore } from "@cloud-ledger/adapters/postgres";
import { auditVerify } from "./support/reliability-cli.js";
import { runCrashScenario } from "./support/reliability-crash-run.js";
import { bootstrapWorld } from "./support/reliability-world.js";
import { createTestDatabase, type TestDatabase } from "./support/postgres.js";

const KILLS = 20;
const SEED = 20261130;
const folder = mkdtempSync(join(tmpdir(), "cloud-ledger-crash-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("crash safety: SIGKILL a writer at random moments", () => {
  it(`SQLite: ${KILLS} kills lose no acknowledged append and half-write no batch`, async () => {
    const path = join(folder, "crash.sqlite");
    const bootstrap = openSqliteEventStore({ path });
    await bootstrapWorld(bootstrap);
    await bootstrap.close();
    const report = await runCrashScenario({
      spec: `sqlite:${path}`,
      open: () => Promise.resolve(openSqliteEventStore({ path })),
      kills: KILLS,
      seed: SEED,
      maxDelayMs: 300,
    });
    console.info(`crash run: ${JSON.stringify(report)}`);
    expect(report.cutCommands, JSON.stringify(report)).toBeGreaterThanOrEqual(KILLS / 4);
    expect(report.cutAppends, "some kills landed while an append was in flight").toBeGreaterThan(0);
    expect(report.acknowledgedAppends).toBeGreaterThan(KILLS);
    const audit = auditVerify(`sqlite:${path}`);
    expect(audit.json, audit.stderr).toMatchObject({ ok: true, events: report.events });
    expect(audit.status).toBe(0);
  }, 600_000);

  describe("PostgreSQL", () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database.drop();
    });

    it(`${KILLS} kills lose no acknowledged append and half-write no batch`, async () => {
      const open = () => createPostgresEventStore({ connectionString: database.url, maxConnections: 1 });
      const bootstrap = await open();
      await bootstrapWorld(bootstrap);
      await bootstrap.close();
      const report = await runCrashScenario({ spec: database.url, open, kills: KILLS, seed: SEED + 1, maxDelayMs: 300 });
      console.info(`crash run: ${JSON.stringify(report)}`);
      expect(report.cutCommands, JSON.stringify(report)).toBeGreaterThanOrEqual(KILLS / 4);
      expect(report.cutAppends, "some kills landed while an append was in flight").toBeGreaterThan(0);
      expect(report.acknowledgedAppends).toBeGreaterThan(KILLS);
      const audit = auditVerify(database.url);
      expect(audit.json, audit.stderr).toMatchObject({ ok: true, events: report.events });
      expect(audit.status).toBe(0);
    }, 600_000);
  });
});
