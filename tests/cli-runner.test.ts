import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executionStream } from "@cloud-ledger/domain";
import { openRunnerWorld, type RunnerWorld } from "./support/runner-world.js";

/*
 * `runner run`, `runner sweep` and `logs print` from the sources, on a SQLite ledger in the CLI home: lines reach
 * `logs print` (escaped), exit codes reach the ledger, and SIGTERM stops the foreground runner cleanly.
 */
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const cliPath = path.join(repoRoot, "packages", "cli", "src", "main.ts");
let home: string;
let world: RunnerWorld;

const env = () => ({ ...process.env, CLOUD_LEDGER_HOME: home, NO_COLOR: "1" });

function cli(args: readonly string[]): { status: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ["--conditions=source", "--import", "tsx", cliPath, ...args], {
    cwd: repoRoot,
    env: env(),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

async function types(executionId: string) {
  return (await world.store.readStream(executionStream(executionId))).map((e) => e.type);
}

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cloud-ledger-cli-runner-"));
  world = await openRunnerWorld(home, { create: true });
  const login = cli(["login", "--github-user", "1001", "--login", "alice"]);
  expect(login.status, login.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await world.close();
  rmSync(home, { recursive: true, force: true });
});

describe("cloud-ledger runner and logs", { timeout: 120_000 }, () => {
  it("runner run --once runs a requested execution; logs print shows its lines as safe text", async () => {
    const executionId = await world.request();
    const run = cli(["runner", "run", "--once", "--command", "echo first line; printf 'in \\033[31mred\\n'; exit 4"]);
    expect(run.status, run.stderr).toBe(0);
    expect(await types(executionId)).toEqual(["ExecutionRequested", "ExecutionStarted", "ExecutionFinished"]);
    const logs = cli(["logs", "print", "--execution-id", executionId]);
    expect(logs.status, logs.stderr).toBe(0);
    expect(logs.stdout).toBe(`Fetching logs for execution ${executionId}\nfirst line\nin \\u{1b}[31mred\n`);
  });

  it("logs print of an unknown execution is a typed error (exit 1)", () => {
    const unknown = cli(["logs", "print", "--execution-id", "0".repeat(32)]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(`Execution '${"0".repeat(32)}' does not exist.`);
    const json = cli(["logs", "print", "--execution-id", "0".repeat(32), "--format", "json"]);
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: "execution-not-found" } });
    expect(cli(["logs", "print", "--execution-id", "nope"]).status).toBe(2);
    // Node timers cannot hold more than 24.8 days: a longer timeout is a usage error, not a timer that fires at once.
    const tooLong = cli(["runner", "run", "--once", "--command", "true", "--timeout", "2073601"]);
    expect(tooLong.status).toBe(2);
    expect(tooLong.stderr).toContain("--timeout is at most 24 days");
  });

  it("logs print works while the execution runs; SIGTERM stops the runner, which records why the run stopped", async () => {
    const executionId = await world.request();
    const runner = spawn(
      process.execPath,
      [
        "--conditions=source",
        "--import",
        "tsx",
        cliPath,
        "runner",
        "run",
        "--poll",
        "100",
        "--runner-id",
        "cli-runner",
        "--command",
        "echo tick; sleep 30",
      ],
      { cwd: repoRoot, env: env(), stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    runner.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => runner.once("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 60_000;
      let printed = "";
      while (!printed.includes("\ntick\n")) {
        if (Date.now() > deadline) throw new Error(`no log line while running: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
        printed = cli(["logs", "print", "--execution-id", executionId]).stdout;
      }
      expect(await types(executionId)).toEqual(["ExecutionRequested", "ExecutionStarted"]);
      runner.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      runner.kill("SIGKILL");
    }
    const stream = await world.store.readStream(executionStream(executionId));
    expect(stream.at(-1)?.data).toMatchObject({
      cause: "runner-shutdown",
      reason: "Runner 'cli-runner' shut down before the execution ended",
    });
    expect(cli(["runner", "sweep", "--format", "json"]).stdout).toContain('"swept": []');
  });
});
