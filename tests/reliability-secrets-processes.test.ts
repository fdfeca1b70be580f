import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createFileVault, resolveVaultKey } from "@cloud-ledger/adapters/vault";
import { createControlPlane } from "@cloud-ledger/domain";
import {
  bootstrapScenario,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
} from "@cloud-ledger/domain/testing";

/*
 * Issue 12, secrets: CLI processes sharing one home store values in its vault. Two processes set their own secrets
 * at the same time (each read-change-write of the vault file under its lock); afterwards every value either was
 * told was set is in the vault. A value piped on standard input reaches the vault and appears in no file.
 */

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const workerPath = fileURLToPath(new URL("./reliability-secrets-processes.worker.ts", import.meta.url));
const cliPath = path.join(repoRoot, "packages", "cli", "src", "main.ts");
const PER_WORKER = 12;
let home: string;

function env(): NodeJS.ProcessEnv {
  const { CLOUD_LEDGER_VAULT_KEY: _ignored, ...rest } = process.env;
  return { ...rest, CLOUD_LEDGER_HOME: home, NO_COLOR: "1" };
}

function cli(args: readonly string[], input = ""): { status: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--conditions=source", "--import", "tsx", cliPath, ...args], {
    cwd: repoRoot,
    env: env(),
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

function startWorker(id: number) {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", workerPath, String(id), String(PER_WORKER)], {
    cwd: repoRoot,
    env: env(),
  });
  let stdout = "";
  let stderr = "";
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (stdout.includes("ready\n")) signalReady();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<string[]>((resolve, reject) => {
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`worker ${id} exited with ${code}: ${stderr}`));
      resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "[]") as string[]);
    });
  });
  return { child, ready, done };
}

async function vaultOfHome() {
  const store = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
  const [first] = await store.readAll({ limit: 1 });
  await store.close();
  const key = resolveVaultKey({ keyFile: path.join(home, "vault.key"), env: {} });
  return createFileVault({ file: path.join(home, "secrets.vault"), key, scope: first!.eventId });
}

const universe = defaultScenarioUniverse;
const acme = universe.organizations.find((o) => o.name === "acme") ?? universe.organizations[0]!;
const acmeData = universe.projects.find((p) => p.name === "Acme Data")!;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-secrets-processes-"));
  const seed = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
  await bootstrapScenario(
    createControlPlane({ store: seed, clock: createCountingClock(), ids: createCountingIds(9), git: createScenarioGit(universe).git }),
    universe,
  );
  await seed.close();
  expect(cli(["login", "--github-user", "102", "--login", "bob"]).status).toBe(0);
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("CLI processes sharing a vault", () => {
  it("lose none of each other's values when they set secrets at the same time", async () => {
    const workers = [startWorker(1), startWorker(2)];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin.end("go\n");
    const told = (await Promise.all(workers.map((w) => w.done))).flat();
    expect(told).toHaveLength(2 * PER_WORKER);
    const vault = await vaultOfHome();
    for (const name of told) {
      const i = Number(name.split("_").pop());
      expect(await vault.get({ organization: acme.billingAccountNumber, projectKey: acmeData.projectKey, name }), name).toBe(
        `value-of-${name}-${"x".repeat(i)}`,
      );
    }
  }, 180_000);

  it("take a value from standard input into the vault, and from nowhere else", async () => {
    const value = "piped-value-J8q2-Zx7!";
    const run = cli(
      ["config", "env", "set", "--key", "PIPED_SECRET", "--value-stdin", "--org", "acme", "--project", "Acme Data"],
      `${value}\n`,
    );
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Successfully set config item 'PIPED_SECRET'.");
    const crlf = cli(
      ["config", "env", "set", "--key", "CRLF_SECRET", "--value-stdin", "--org", "acme", "--project", "Acme Data"],
      `${value}-crlf\r\n`,
    );
    expect(crlf.status).toBe(0);
    const vault = await vaultOfHome();
    const where = { organization: acme.billingAccountNumber, projectKey: acmeData.projectKey };
    expect(await vault.get({ ...where, name: "PIPED_SECRET" })).toBe(value);
    expect(await vault.get({ ...where, name: "CRLF_SECRET" })).toBe(`${value}-crlf`);
    const bytes = Buffer.concat(readdirSync(home).map((name) => readFileSync(path.join(home, name))));
    expect(bytes.includes(Buffer.from(value, "utf8"))).toBe(false);
    const both = cli(
      ["config", "env", "set", "--key", "PIPED_SECRET", "--value-stdin", "--value-env", "HOME", "--org", "acme", "--project", "Acme Data"],
      value,
    );
    expect(both.status).toBe(2);
    expect(both.stdout).not.toContain("Successfully");
  }, 120_000);
});
