import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { BUILT_CLI, runCli } from "./support/cli-process.js";
import { acmeLog, editEvent, rechain, type ValidLog } from "./support/import-logs.js";

// `log import`: every event decoded and replayed before anything is written, an identity required, a non-empty store
// refused unless the log continues it, one transaction, and a failed command never deletes a store.
let home: string;
let log: ValidLog;
let files = 0;

const write = (lines: readonly string[]): string => {
  files += 1;
  const file = path.join(home, `log-${files}.ndjson`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
};
const freshStore = (): string => {
  files += 1;
  return path.join(home, `target-${files}.sqlite`);
};
const eventCount = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'events'").pluck().get();
    return table === undefined ? 0 : (db.prepare("SELECT count(*) FROM events").pluck().get() as number);
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-import-"));
  ensurePackagesBuilt();
  log = await acmeLog();
  expect(runCli(["login", "--github-user", "1001", "--login", "alice"], { home }).status).toBe(0);
}, 900_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** The line index (0 = header) of the first event of `type`. */
const lineOf = (lines: readonly string[], type: string): number => lines.findIndex((line, i) => i > 0 && line.includes(`"type":"${type}"`));

describe("log import refuses a hostile file at its line, stream and version, writing nothing", { timeout: 300_000 }, () => {
  const memberAdded = (): number => lineOf(log.lines, "MemberAdded");
  const cases: readonly (readonly [string, () => string[], RegExp])[] = [
    [
      "an unknown event type",
      () => rechain(editEvent(log.lines, memberAdded(), (e) => (e.type = "MemberPromotedToGod"))),
      /unknown event type 'MemberPromotedToGod'/,
    ],
    [
      "schema version 99",
      () => rechain(editEvent(log.lines, memberAdded(), (e) => (e.schemaVersion = 99))),
      /schema version 99 is not supported/,
    ],
    ["a field of the wrong type", () => rechain(editEvent(log.lines, memberAdded(), (e) => (e.data.role = 42))), /role/],
    ["an unknown field", () => rechain(editEvent(log.lines, memberAdded(), (e) => (e.data.isAdmin = true))), /isAdmin/],
    [
      "an event filed under another stream's key",
      () => rechain(editEvent(log.lines, memberAdded(), (e) => (e.data.organization = "01ARZ3NDEKTSV4RRFFQ69G5FAV"))),
      /does not match the stream's/,
    ],
    [
      "an actor that is no actor",
      () => rechain(editEvent(log.lines, memberAdded(), (e) => ((e.metadata as Record<string, string>).actor = "root"))),
      /actor 'root'/,
    ],
  ];
  for (const [what, lines, reason] of cases) {
    it(what, () => {
      const file = write(lines());
      const target = freshStore();
      const index = memberAdded();
      const event = JSON.parse(log.lines[index]!) as { streamName: string; version: number };
      const run = runCli(["log", "import", file, "--store", `sqlite:${target}`], { home });
      expect(run.stderr).toMatch(reason);
      expect(run.stderr).toContain(`line ${index + 1}: stream '${event.streamName}' version ${event.version}: `);
      expect(run.status).toBe(1);
      expect(existsSync(target)).toBe(false);
    });
  }

  it("a huge unknown field (a line over the 1 MiB limit)", () => {
    const index = memberAdded();
    const file = write(rechain(editEvent(log.lines, index, (e) => (e.data.padding = "x".repeat(2 * 1024 * 1024)))));
    const target = freshStore();
    const run = runCli(["log", "import", file, "--store", `sqlite:${target}`], { home });
    expect(run.stderr).toMatch(new RegExp(`line ${index + 1}: the line is longer than 1048576 characters`));
    expect(run.status).toBe(1);
    expect(existsSync(target)).toBe(false);
  });

  it("an event id used twice, naming both lines", () => {
    const index = memberAdded();
    const firstId = (JSON.parse(log.lines[1]!) as { eventId: string }).eventId;
    const file = write(rechain(editEvent(log.lines, index, (e) => (e.eventId = firstId))));
    const target = freshStore();
    const run = runCli(["log", "import", file, "--store", `sqlite:${target}`], { home });
    expect(run.stderr).toMatch(new RegExp(`line ${index + 1}: event id '${firstId}' of stream .* was already used on line 2`));
    expect(run.status).toBe(1);
    expect(existsSync(target)).toBe(false);
  });
});

describe("log import and its target", { timeout: 300_000 }, () => {
  it("needs an identity, like every other write", () => {
    const lonely = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-import-nologin-"));
    try {
      const target = freshStore();
      const run = runCli(["log", "import", write(log.lines), "--store", `sqlite:${target}`], { home: lonely });
      expect(run.stderr).toMatch(/^Error: Not logged in/);
      expect(run.status).toBe(1);
      expect(existsSync(target)).toBe(false);
    } finally {
      rmSync(lonely, { recursive: true, force: true });
    }
  });

  it("imports a valid log into an empty store, saying who imported it", () => {
    const target = freshStore();
    const run = runCli(["log", "import", write(log.lines), "--store", `sqlite:${target}`], { home });
    expect(run.stdout).toMatch(/^Imported \d+ events in \d+ streams from .* as alice\./);
    expect(run.status).toBe(0);
    expect(eventCount(target)).toBe(log.lines.length - 1);
  });

  it("refuses a store that already holds events, writing nothing; --append adds a log that continues it", () => {
    const target = freshStore();
    const cut = 4;
    expect(runCli(["log", "import", write(log.lines.slice(0, cut + 1)), "--store", `sqlite:${target}`], { home }).status).toBe(0);
    const before = readFileSync(target);
    const tail = write([log.lines[0]!, ...log.lines.slice(cut + 1)]);
    const refused = runCli(["log", "import", tail, "--store", `sqlite:${target}`], { home });
    expect(refused.stderr).toMatch(/the store already holds events \(head position 4\); pass --append/);
    expect(refused.status).toBe(1);
    expect(eventCount(target)).toBe(cut);
    expect(readFileSync(target).equals(before)).toBe(true);

    const whole = runCli(["log", "import", write(log.lines), "--append", "--store", `sqlite:${target}`], { home });
    expect(whole.stderr).toMatch(/globalPosition 1 is not after the target store's head 4/);
    expect(whole.status).toBe(1);

    const appended = runCli(["log", "import", tail, "--append", "--store", `sqlite:${target}`], { home });
    expect(appended.stderr).toBe("");
    expect(appended.status).toBe(0);
    expect(runCli(["log", "export", "--store", `sqlite:${target}`], { home }).stdout).toBe(`${log.lines.join("\n")}\n`);
    expect(runCli(["audit", "verify", "--store", `sqlite:${target}`], { home }).status).toBe(0);
  });
});

/** Starts the built CLI without waiting for it. */
function startCli(args: readonly string[], cliHome: string) {
  const child = spawn(process.execPath, [BUILT_CLI, ...args], {
    cwd: cliHome,
    env: { ...process.env, CLOUD_LEDGER_HOME: cliHome, NO_COLOR: "1" },
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("a failed or killed import leaves nothing, and never deletes a store someone else wrote to", { timeout: 600_000 }, () => {
  let big: ValidLog;
  beforeAll(async () => {
    big = await acmeLog(40_000);
  }, 300_000);

  it("SQLite: an import killed while it writes leaves an empty store", async () => {
    const target = freshStore();
    const importing = startCli(["log", "import", write(big.lines), "--store", `sqlite:${target}`], home);
    // Mid-write: the write-ahead log holds over 2 MB of the import's pages (committed or, in one big transaction, spilled
    // from SQLite's cache), about a tenth of the log.
    const walSize = (): number => (existsSync(`${target}-wal`) ? statSync(`${target}-wal`).size : 0);
    await until(() => walSize() > 2 * 1024 * 1024, "the import to write");
    importing.child.kill("SIGKILL");
    const { signal } = await importing.exited;
    expect(signal, "the import must still have been running").toBe("SIGKILL");
    expect(eventCount(target)).toBe(0);
  });

  it("a failing import racing an org create on a fresh home keeps the org", async () => {
    const fresh = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-import-race-"));
    try {
      expect(runCli(["login", "--github-user", "1001", "--login", "alice"], { home: fresh }).status).toBe(0);
      const file = write(big.lines);
      const store = path.join(fresh, "ledger.sqlite");
      const importing = startCli(["log", "import", file], fresh);
      await until(() => existsSync(store), "the import to create the store");
      // The file goes bad under the import: it fails when it reaches the end, after the org was created.
      appendFileSync(file, "{ not an event\n");
      const created = runCli(["org", "create", "--name", "beta"], { home: fresh });
      expect(created.stderr).toBe("");
      expect(created.status).toBe(0);
      const imported = await importing.exited;
      expect(imported.code).toBe(1);
      expect(imported.stderr).toMatch(/Cannot import .*Nothing was written\./);
      expect(existsSync(store)).toBe(true);
      const orgs = runCli(["org", "list", "--format", "json"], { home: fresh });
      expect(orgs.stdout).toContain('"beta"');
      expect(runCli(["audit", "verify"], { home: fresh }).status).toBe(0);
      expect(readdirSync(fresh)).toContain("ledger.sqlite");
      expect(statSync(store).size).toBeGreaterThan(0);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
