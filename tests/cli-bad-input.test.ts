import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { runCli } from "./support/cli-process.js";
import { createAcmeGitRepository, ok, type ScenarioOptions } from "./support/acme-cli-scenario.js";

// Bad input of every kind: a clear message, the documented exit code (2 usage, 1 everything else), nothing written.
let home: string;
let repository: string;
let populated: ScenarioOptions;
let storeFile: string;
let log: string;

const digest = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");
/** Every file in a folder with its content digest: "nothing written" means this does not change. */
const snapshot = (folder: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(folder).map((name) => [
      name,
      existsSync(path.join(folder, name)) && !name.endsWith(".lock") ? digest(path.join(folder, name)) : "",
    ]),
  );

beforeAll(() => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-bad-"));
  repository = createAcmeGitRepository();
  ensurePackagesBuilt();
  storeFile = path.join(home, "store", "ledger.sqlite");
  mkdirSync(path.dirname(storeFile));
  populated = { home, repository, store: `sqlite:${storeFile}` };
  ok(["login", "--github-user", "42", "--login", "alice"], populated);
  ok(["org", "create", "--name", "acme"], populated);
  ok(["org", "install-app", "--installation", "7", "--account", "acme"], populated);
  ok(["org", "grant-repo", "--repo", repository], populated);
  ok(["project", "create", "--name", "Acme", "--repo-url", repository], populated);
  ok(["deployment", "create", "--name", "prod", "--environment", "prod", "--git-rev", "main"], populated);
  // A write answers from its own result and leaves the read-model rows to the next read (issue 13): one read here, so
  // a command failing after its reads finds nothing to catch up and the store's bytes show any write it made.
  ok(["deployment", "list"], populated);
  log = path.join(home, "good.ndjson");
  ok(["log", "export", "--output", log], populated);
}, 900_000);

afterAll(() => {
  rmSync(home, { recursive: true, force: true });
  rmSync(repository, { recursive: true, force: true });
});

describe("usage errors on a populated store: exit 2, store untouched", { timeout: 300_000 }, () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ["malformed organization name", ["org", "create", "--name", "Acme Corp!"], /Invalid organization name 'Acme Corp!'/],
    ["organization name too long", ["org", "create", "--name", "a".repeat(21)], /at most 20 characters/],
    [
      "deployment name without a letter or digit",
      ["deployment", "create", "--name", "!!!", "--environment", "prod", "--git-rev", "main"],
      /'!!!' has no letter or digit/,
    ],
    ["project id that is not a ULID", ["project", "use", "--id", "not-a-ulid"], /Invalid ULID value: not-a-ulid/],
    [
      "--name and --id together",
      ["project", "use", "--name", "Acme", "--id", "01H1V334B06DFA8J1RY50ED01G"],
      /The '--name' and '--id' options are mutually exclusive/,
    ],
    ["malformed execution id", ["job", "stop", "--execution-id", "xyz"], /An execution ID is 32 lowercase hex characters, got 'xyz'/],
    ["malformed secret name", ["config", "env", "set", "--key", "1-BAD", "--value", "v"], /A secret name is an environment variable name/],
    ["lookback days out of range", ["history", "--lookback", "9d"], /Invalid lookback expression: 9d/],
    ["unknown history result", ["history", "--result", "maybe"], /Allowed choices are success, failed, running/],
    [
      "two schedule filters",
      ["history", "--schedule", "a", "--schedule-contains", "b"],
      /Only one of --schedule, --schedule-prefix, or --schedule-contains can be specified\./,
    ],
    ["missing --schedule", ["schedule", "describe", "--deployment", "prod"], /required option '--schedule <name>' not specified/],
    ["unknown flag on a subcommand", ["deployment", "list", "--verbose"], /unknown option '--verbose'/],
    ["unknown role", ["org", "member", "add", "42", "--role", "admin"], /Allowed choices are owner, maintainer, reader/],
    [
      "exit code out of range",
      ["job", "finish", "--execution-id", "a".repeat(32), "--exit-code", "256"],
      /An exit code is a whole number from 0 to 255/,
    ],
    ["an empty paging cursor", ["audit", "trail", "--after", ""], /'after' must be a cursor a previous page returned, got ''/],
    ["a paging cursor no page returned", ["history", "--after", "garbage"], /'after' must be a cursor a previous page returned/],
    [
      "no deployment and no default",
      ["schedule", "enable", "--schedule", "daily-transforms", "--project", "Acme"],
      /A deployment name is required/,
    ],
  ];
  for (const [what, args, message] of cases) {
    it(what, () => {
      const before = snapshot(path.dirname(storeFile));
      // A home without remembered defaults, for the case that needs none (inside the test's own folder).
      const env = what === "no deployment and no default" ? { home: mkdtempSync(path.join(home, "nodefault-")) } : { home };
      if (env.home !== home) runCli(["login", "--github-user", "42", "--login", "alice"], env);
      const run = runCli([...args, "--store", populated.store ?? ""], env);
      expect(run.stderr).toMatch(message);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(snapshot(path.dirname(storeFile))).toEqual(before);
    });
  }
});

describe("missing or unreadable stores: exit 1, nothing created", { timeout: 300_000 }, () => {
  it("a read on a store that does not exist", () => {
    const missing = path.join(home, "nowhere", "ledger.sqlite");
    const run = runCli(["org", "list", "--store", `sqlite:${missing}`], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`Error: Cannot use the event store sqlite:${missing}: no event store exists there yet.\n`);
    expect(existsSync(path.dirname(missing))).toBe(false);
  });

  it("a write into a folder that does not exist", () => {
    const missing = path.join(home, "no-folder", "ledger.sqlite");
    const run = runCli(["org", "create", "--name", "beta", "--store", `sqlite:${missing}`], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`Error: Cannot use the event store sqlite:${missing}: the folder ${path.dirname(missing)} does not exist.\n`);
    expect(existsSync(path.dirname(missing))).toBe(false);
  });

  it("a file that is not a SQLite database, and a SQLite database that is not a cloud-ledger store", () => {
    const folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-foreign-"));
    try {
      const garbage = path.join(folder, "garbage.sqlite");
      writeFileSync(garbage, "this is not a database, just text that is long enough to have a header ".repeat(20));
      const foreign = path.join(folder, "foreign.sqlite");
      const db = new Database(foreign);
      db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('x')");
      db.close();
      const before = snapshot(folder);
      for (const [file, reason] of [
        [garbage, /it cannot be read as a SQLite database \(file is not a database\)/],
        [foreign, /it is a SQLite database but not a cloud-ledger event store/],
        [folder, /it is not a file/],
      ] as const) {
        for (const args of [
          ["audit", "verify"],
          ["org", "create", "--name", "beta"],
          ["log", "import", log],
        ]) {
          const run = runCli([...args, "--store", `sqlite:${file}`], { home });
          expect(run.status).toBe(1);
          expect(run.stderr).toMatch(reason);
        }
      }
      expect(snapshot(folder)).toEqual(before);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("a write command that is rejected writes no event (the new store it opened may stay, empty: it is never deleted)", () => {
    const fresh = path.join(home, "fresh.sqlite");
    const run = runCli(["project", "create", "--name", "X", "--repo-url", repository, "--store", `sqlite:${fresh}`], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/belongs to no organization/);
    const db = new Database(fresh, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM events").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it("an EventStoreDB server that cannot be reached", () => {
    const run = runCli(["audit", "verify", "--store", "esdb://127.0.0.1:1?tls=false"], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Error: Cannot open the event store esdb:\/\/127\.0\.0\.1:1\?tls=false: .*UNAVAILABLE/);
  });

  it("a write without anyone logged in", () => {
    const lonely = mkdtempSync(path.join(tmpdir(), "cloud-ledger-e2e-nologin-"));
    try {
      const run = runCli(["org", "create", "--name", "beta"], { home: lonely });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^Error: Not logged in\. Run `cloud-ledger login --github-user <id> --login <name>` first/);
      expect(readdirSync(lonely)).toEqual([]);
    } finally {
      rmSync(lonely, { recursive: true, force: true });
    }
  });
});

/** Drops version 1 of a stream that has a version 2, so the file jumps from nothing to version 2 of that stream. */
function withoutFirstEventOfALongStream(lines: readonly string[]): string {
  const events = lines.slice(1).map((line) => JSON.parse(line) as { streamName: string; version: number });
  const long = events.find((event) => event.version === 2)?.streamName;
  const drop = events.findIndex((event) => event.streamName === long && event.version === 1);
  return lines.filter((_line, i) => i !== drop + 1).join("\n");
}

describe("corrupted log files: exit 1 with the line at fault, nothing written", { timeout: 300_000 }, () => {
  const lines = (): string[] => readFileSync(log, "utf8").trimEnd().split("\n");
  const variants: readonly (readonly [string, () => string, RegExp])[] = [
    ["an empty file", () => "", /Cannot import .*empty\.ndjson: /],
    ["a wrong header", () => ['{"format":"something-else","version":1}', ...lines().slice(1)].join("\n"), /line 1/],
    ["a line that is not JSON", () => [...lines().slice(0, 3), "{ not json", ...lines().slice(3)].join("\n"), /line 4/],
    ["a missing event (version gap)", () => withoutFirstEventOfALongStream(lines()), /jumps to version 2; expected 1/],
    [
      "an edited event (hash chain broken)",
      () =>
        lines()
          .map((line, i) => (i === 3 ? line.replace(/"occurredAt":"[^"]+"/, '"occurredAt":"2020-01-01T00:00:00.000Z"') : line))
          .join("\n"),
      /line 4/,
    ],
    ["a truncated last line", () => lines().join("\n").slice(0, -40), /line \d+/],
  ];
  for (const [index, [what, content, where]] of variants.entries()) {
    it(what, () => {
      const file = path.join(home, what === "an empty file" ? "empty.ndjson" : `bad-${index}.ndjson`);
      writeFileSync(file, content());
      const target = path.join(home, `import-target-${index}.sqlite`);
      const toNew = runCli(["log", "import", file, "--store", `sqlite:${target}`], { home });
      expect(toNew.status).toBe(1);
      expect(toNew.stderr).toMatch(/^Error: Cannot import /);
      expect(toNew.stderr).toMatch(where);
      expect(existsSync(target)).toBe(false);
      const before = snapshot(path.dirname(storeFile));
      const toExisting = runCli(["log", "import", file, "--store", populated.store ?? ""], { home });
      expect(toExisting.status).toBe(1);
      expect(snapshot(path.dirname(storeFile))).toEqual(before);
    });
  }

  it("a log file that does not exist", () => {
    const run = runCli(["log", "import", path.join(home, "missing.ndjson"), "--store", `sqlite:${path.join(home, "x.sqlite")}`], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`Error: Cannot import ${path.join(home, "missing.ndjson")}: no such file.\n`);
    expect(existsSync(path.join(home, "x.sqlite"))).toBe(false);
  });

  it("a valid log imported into a store that already holds events is refused, store unchanged", () => {
    const before = snapshot(path.dirname(storeFile));
    const run = runCli(["log", "import", log, "--store", populated.store ?? ""], { home });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/the store already holds events \(head position \d+\); pass --append/);
    const again = runCli(["log", "import", log, "--append", "--store", populated.store ?? ""], { home });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/globalPosition 1 is not after the target store's head/);
    expect(snapshot(path.dirname(storeFile))).toEqual(before);
  });
});
