import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildProgram } from "@cloud-ledger/cli";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createControlPlane, type EventStore } from "@cloud-ledger/domain";
import {
  bootstrapScenario,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
} from "@cloud-ledger/domain/testing";

/*
 * Issue 8, hostile input to the CLI's arguments: random argument lists for every command that reads or writes the
 * ledger (hostile values, unknown and misplaced options, JSON, control characters) against a populated store. Each
 * run either succeeds or fails with one of the CLI's typed errors (usage: exit 2, request: exit 1) and a message —
 * never an unexpected exception, a stack trace or a process exit — and a failed run writes nothing.
 *
 * Left out on purpose: `demo`, `manifest`, `log export|import` (they read or write files named by their arguments),
 * and `deployment create|update`, `org install-app` (they reach git for a repository named by their arguments).
 */

/** Each command with its positional arguments and options (flag, whether it takes a value). */
const COMMANDS: readonly {
  readonly path: readonly string[];
  readonly positional?: number;
  readonly options: readonly (readonly [string, boolean])[];
}[] = [
  { path: ["org", "create"], options: [["--name", true]] },
  { path: ["org", "list"], options: [] },
  { path: ["org", "use"], positional: 1, options: [] },
  { path: ["org", "member", "list"], options: [] },
  { path: ["org", "member", "add"], positional: 1, options: [["--role", true]] },
  { path: ["org", "member", "role"], positional: 1, options: [["--role", true]] },
  { path: ["org", "member", "remove"], positional: 1, options: [] },
  {
    path: ["project", "create"],
    options: [
      ["--name", true],
      ["--repo-url", true],
      ["--root-path", true],
    ],
  },
  { path: ["project", "list"], options: [["--limit", true]] },
  {
    path: ["project", "use"],
    options: [
      ["--name", true],
      ["--id", true],
    ],
  },
  { path: ["deployment", "delete"], options: [["--name", true]] },
  { path: ["deployment", "list"], options: [["--limit", true]] },
  { path: ["deployment", "use"], options: [["--name", true]] },
  {
    path: ["schedule", "enable"],
    options: [
      ["--schedule", true],
      ["--deployment", true],
    ],
  },
  {
    path: ["schedule", "disable"],
    options: [
      ["--schedule", true],
      ["--deployment", true],
    ],
  },
  {
    path: ["schedule", "list"],
    options: [
      ["--deployment", true],
      ["--limit", true],
    ],
  },
  { path: ["schedule", "matrix"], options: [] },
  {
    path: ["schedule", "describe"],
    options: [
      ["--deployment", true],
      ["--schedule", true],
      ["--num-upcoming", true],
      ["--only-upcoming", false],
    ],
  },
  { path: ["run"], positional: 1, options: [["--deployment", true]] },
  { path: ["job", "stop"], options: [["--execution-id", true]] },
  { path: ["job", "start"], options: [["--execution-id", true]] },
  {
    path: ["job", "finish"],
    options: [
      ["--execution-id", true],
      ["--exit-code", true],
    ],
  },
  {
    path: ["history"],
    options: [
      ["--schedule", true],
      ["--schedule-prefix", true],
      ["--filter", true],
      ["--deployment", true],
      ["--deployment-contains", true],
      ["--result", true],
      ["--lookback", true],
      ["--limit", true],
    ],
  },
  {
    path: ["config", "env", "set"],
    options: [
      ["--key", true],
      ["--value", true],
    ],
  },
  { path: ["config", "env", "list"], options: [["--limit", true]] },
  { path: ["config", "env", "delete"], positional: 1, options: [] },
  {
    path: ["state", "list"],
    options: [
      ["--limit", true],
      ["--after", true],
      ["--as-of", true],
    ],
  },
  {
    path: ["state", "get"],
    options: [
      ["--state-id", true],
      ["--as-of", true],
    ],
  },
  {
    path: ["state", "set"],
    options: [
      ["--state-id", true],
      ["--file-path", true],
    ],
  },
  { path: ["state", "delete"], options: [["--state-id", true]] },
  { path: ["ids", "regenerate"], options: [["--project-id", false]] },
  { path: ["ids", "history"], options: [["--project-id", false]] },
  { path: ["audit", "verify"], options: [] },
  {
    path: ["audit", "trail"],
    options: [
      ["--actor", true],
      ["--entity", true],
      ["--deployment", true],
      ["--execution", true],
      ["--from", true],
      ["--to", true],
      ["--as-of", true],
      ["--limit", true],
      ["--after", true],
      ["--newest-first", false],
    ],
  },
  { path: ["whoami"], options: [] },
  { path: ["nonsense"], options: [] },
];
const GLOBALS: readonly (readonly [string, boolean])[] = [
  ["--org", true],
  ["--project", true],
  ["--format", true],
  ["--json", false],
];

const plausibleValue = fc.constantFrom(
  "acme",
  "globex",
  "Acme Data",
  "Acme Ops",
  "prod",
  "staging",
  "daily-transforms",
  "hourly-sync",
  "prod:tap-github-to-target-jsonl",
  "owner",
  "maintainer",
  "reader",
  "alice",
  "bob",
  "102",
  "999",
  "TAP_TOKEN",
  "0".repeat(32),
  "1",
  "10",
  "1w2d",
  "success",
  "json",
  "markdown",
  "2023-07-01T00:00:00Z",
  "https://github.com/acme/data",
  "meltano",
  "organization",
  "deployment",
);
const hostileValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    "",
    " ",
    "-1",
    "0",
    "1e309",
    "NaN",
    "null",
    "--",
    "-x",
    "--no-such-option",
    "../..",
    "\u0000",
    "\ud800",
    "a\nb",
    "x".repeat(3000),
    "2023-13-45T99:99:99Z",
    "01HQ0000000000000000000ACM",
  ),
);
const value = fc.oneof({ weight: 3, arbitrary: plausibleValue }, { weight: 2, arbitrary: hostileValue });

/** A command with some of its options (valid-looking or hostile values), sometimes with stray tokens mixed in. */
const argv = fc.constantFrom(...COMMANDS).chain((c) =>
  fc
    .tuple(
      fc.array(value, { minLength: c.positional ?? 0, maxLength: c.positional ?? 0 }),
      fc
        .subarray([...c.options, ...GLOBALS])
        .chain((chosen) =>
          fc.tuple(...chosen.map(([flag, takesValue]) => (takesValue ? value.map((v) => [flag, v]) : fc.constant([flag])))),
        ),
      fc.oneof(
        { weight: 4, arbitrary: fc.constant<string[]>([]) },
        { weight: 1, arbitrary: fc.array(fc.oneof(hostileValue, fc.constantFrom("--name", "--limit", "--format")), { maxLength: 3 }) },
      ),
    )
    .map(([positional, options, stray]) => [...c.path, ...positional, ...options.flat(), ...stray]),
);

const TYPED = new Set(["CommanderError", "UsageError", "CliFailure"]);
let home: string;
let previousCwd: string;
let store: EventStore;
let output: string[] = [];

async function runCli(args: readonly string[]): Promise<{ readonly error?: unknown }> {
  try {
    await buildProgram().parseAsync(["node", "cloud-ledger", ...args]);
    return {};
  } catch (error) {
    return { error };
  }
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-hostile-cli-"));
  previousCwd = process.cwd();
  process.chdir(home);
  vi.stubEnv("CLOUD_LEDGER_HOME", home);
  vi.stubEnv("NO_COLOR", "1");
  const capture = (chunk: unknown) => {
    output.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
  vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Error(`process.exit(${String(code)}) called`);
  });
  const seed = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
  await bootstrapScenario(
    createControlPlane({
      store: seed,
      clock: createCountingClock(),
      ids: createCountingIds(8),
      git: createScenarioGit(defaultScenarioUniverse).git,
    }),
    defaultScenarioUniverse,
  );
  await seed.close();
  const login = await runCli(["login", "--github-user", "101", "--login", "alice"]);
  expect(login.error).toBeUndefined();
  store = openSqliteEventStore({ path: path.join(home, "ledger.sqlite") });
});

afterAll(async () => {
  await store.close();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.chdir(previousCwd);
  rmSync(home, { recursive: true, force: true });
});

describe("hostile CLI arguments", () => {
  it("end in success or a typed usage/request error with a message; a failure writes nothing; nothing crashes", async () => {
    const kinds = new Map<string, number>();
    const count = (kind: string) => kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        output = [];
        const head = await store.headPosition();
        const { error } = await runCli(args);
        const printed = output.join("");
        const context = `cloud-ledger ${JSON.stringify(args)}: ${String(error)}\n${printed.slice(0, 2000)}`;
        expect(printed, context).not.toMatch(/\n\s+at .+:\d+:\d+/);
        count(error === undefined ? "success" : (error as Error).name);
        if (error === undefined) return;
        expect(error, context).toBeInstanceOf(Error);
        expect(TYPED.has((error as Error).name), `untyped failure ${(error as Error).name}: ${context}`).toBe(true);
        expect((error as Error).message.length, context).toBeGreaterThan(0);
        expect(await store.headPosition(), `a failed command wrote: ${context}`).toBe(head);
      }),
      { numRuns: 600 },
    );
    // Not vacuous: usage errors, request failures that got past the parser, and successes all happen.
    const seen = JSON.stringify([...kinds]);
    expect(kinds.get("CommanderError") ?? 0, seen).toBeGreaterThan(150);
    expect((kinds.get("UsageError") ?? 0) + (kinds.get("CliFailure") ?? 0), seen).toBeGreaterThan(40);
    expect(kinds.get("success") ?? 0, seen).toBeGreaterThan(15);
  }, 180_000);
});
