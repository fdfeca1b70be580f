import { describe, expect, it, vi } from "vitest";
import type { Command } from "commander";

// Which command files were imported: each mock records its file, then hands out the real module.
const loaded = vi.hoisted(() => new Set<string>());
const FILES = [
  "session",
  "manifest",
  "org",
  "project",
  "deployment",
  "schedule",
  "run",
  "job",
  "runner",
  "logs",
  "history",
  "config",
  "state",
  "audit",
  "log",
  "ids",
  "demo",
];
vi.mock("../src/commands/session.js", async (actual) => (loaded.add("session"), await actual()));
vi.mock("../src/commands/manifest.js", async (actual) => (loaded.add("manifest"), await actual()));
vi.mock("../src/commands/org.js", async (actual) => (loaded.add("org"), await actual()));
vi.mock("../src/commands/project.js", async (actual) => (loaded.add("project"), await actual()));
vi.mock("../src/commands/deployment.js", async (actual) => (loaded.add("deployment"), await actual()));
vi.mock("../src/commands/schedule.js", async (actual) => (loaded.add("schedule"), await actual()));
vi.mock("../src/commands/run.js", async (actual) => (loaded.add("run"), await actual()));
vi.mock("../src/commands/job.js", async (actual) => (loaded.add("job"), await actual()));
vi.mock("../src/commands/runner.js", async (actual) => (loaded.add("runner"), await actual()));
vi.mock("../src/commands/logs.js", async (actual) => (loaded.add("logs"), await actual()));
vi.mock("../src/commands/history.js", async (actual) => (loaded.add("history"), await actual()));
vi.mock("../src/commands/config.js", async (actual) => (loaded.add("config"), await actual()));
vi.mock("../src/commands/state.js", async (actual) => (loaded.add("state"), await actual()));
vi.mock("../src/commands/audit.js", async (actual) => (loaded.add("audit"), await actual()));
vi.mock("../src/commands/log.js", async (actual) => (loaded.add("log"), await actual()));
vi.mock("../src/commands/ids.js", async (actual) => (loaded.add("ids"), await actual()));
vi.mock("../src/commands/demo.js", async (actual) => (loaded.add("demo"), await actual()));

const argv = (...args: string[]): string[] => ["node", "cloud-ledger", ...args];
const helpOf = (program: Command, path: readonly string[]): string => {
  let command = program;
  for (const name of path) command = command.commands.find((candidate) => candidate.name() === name)!;
  return command.helpInformation();
};

describe("the lazily built program", () => {
  it("answers --help and --version without importing any command file", async () => {
    const { buildProgramFor } = await import("../src/lazy-program.js");
    for (const args of [["--help"], ["--version"], ["-V"], ["no-such-command"], []]) await buildProgramFor(argv(...args));
    expect([...loaded]).toEqual([]);
  });

  it("imports only the file of the command it runs (and the files that file imports)", async () => {
    const cases: [string[], string[]][] = [
      [["org", "list"], ["org"]],
      [["--store", "sqlite:/tmp/x.db", "--format=json", "schedule", "list"], ["schedule"]],
      [
        ["--as", "run", "history"],
        ["history", "deployment"],
      ],
      [["help", "project"], ["project"]],
      [["whoami"], ["session"]],
      [["--json", "--", "run", "s"], ["run"]],
    ];
    // Each case runs a command whose files no earlier case loaded (a module, mocked or not, is imported once).
    const { buildProgramFor } = await import("../src/lazy-program.js");
    for (const [args, files] of cases) {
      loaded.clear();
      await buildProgramFor(argv(...args));
      expect([...loaded].sort(), args.join(" ")).toEqual(files.sort());
    }
  });

  it("lists every command with the same help as the fully loaded program, and each loads the same command", async () => {
    const { buildProgramFor } = await import("../src/lazy-program.js");
    const { buildProgram } = await import("../src/program.js");
    const eager = buildProgram();
    expect(eager.commands.length).toBeGreaterThanOrEqual(FILES.length);
    expect((await buildProgramFor(argv("--help"))).helpInformation()).toBe(eager.helpInformation());
    for (const command of eager.commands) {
      const lazy = await buildProgramFor(argv(command.name()));
      expect(helpOf(lazy, [command.name()])).toBe(helpOf(eager, [command.name()]));
      for (const sub of command.commands)
        expect(helpOf(lazy, [command.name(), sub.name()])).toBe(helpOf(eager, [command.name(), sub.name()]));
    }
  });
});
