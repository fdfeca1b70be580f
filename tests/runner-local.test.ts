import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createLocalProcessRunner,
  createRunnerSupervisor,
  createExecutionTracker,
  sweepVanishedRunners,
} from "@cloud-ledger/adapters/runner-local";
import { openSqliteExecutionLogStore, type SqliteExecutionLogStore } from "@cloud-ledger/adapters/execution-log-sqlite";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
import { auditStore, executionStream, type ControlPlane, type RecordedEvent } from "@cloud-ledger/domain";
import { ALICE, openRunnerWorld, type RunnerWorld } from "./support/runner-world.js";

/*
 * Rules 37 and 40 with a real runner: a requested execution is picked up from the ledger, and a user's stop of a
 * runner-held execution is asked of the runner (STOPPING) and confirmed by it. The local runner end to end: real
 * processes, a real SQLite ledger and log store. What reaches the ledger is what the process did (its exit code), or
 * why it was stopped (timeout, a user's stop, a runner that vanished).
 */
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const workerPath = fileURLToPath(new URL("./runner-local.worker.ts", import.meta.url));
let folder: string;
let world: RunnerWorld;
let logs: SqliteExecutionLogStore;

beforeEach(async () => {
  folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-runner-local-"));
  world = await openRunnerWorld(folder, { create: true });
  logs = openSqliteExecutionLogStore({ path: path.join(folder, "executions.sqlite") });
});

afterEach(async () => {
  await logs.close();
  await world.close();
  rmSync(folder, { recursive: true, force: true });
});

function supervisor(script: string, options: { runnerId?: string; timeoutSeconds?: number } = {}) {
  return createRunnerSupervisor({
    controlPlane: world.controlPlane,
    store: world.store,
    runner: createLocalProcessRunner({ command: { kind: "shell", script }, killGraceMs: 500 }),
    logs,
    leases: logs,
    clock: createSystemClock(),
    ids: createIdGenerator(),
    runnerId: options.runnerId ?? "runner-a",
    timeoutSeconds: options.timeoutSeconds ?? 60,
    pollMs: 50,
  });
}

async function events(executionId: string): Promise<readonly RecordedEvent[]> {
  return world.store.readStream(executionStream(executionId));
}

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("local runner", { timeout: 60_000 }, () => {
  it("runs the process: its lines reach the log store and its exit code reaches the ledger, under the runner's claim", async () => {
    const executionId = await world.request();
    const runner = supervisor('echo "hello from $CLOUD_LEDGER_SCHEDULE on $MELTANO_ENVIRONMENT"; echo oops >&2; exit 3');
    await runner.poll();
    await runner.idle();
    const stream = await events(executionId);
    expect(stream.map((e) => [e.type, e.metadata.actor])).toEqual([
      ["ExecutionRequested", ALICE],
      ["ExecutionStarted", "system:runner"],
      ["ExecutionFinished", "system:runner"],
    ]);
    expect(stream[1]?.data).toMatchObject({ runnerId: "runner-a" });
    expect(stream[2]?.data).toMatchObject({ exitCode: 3 });
    const lines = await logs.read(executionId);
    expect(lines.map((l) => [l.seq, l.stream, l.text]).sort()).toEqual(
      [
        [1, "stdout", "hello from daily-transforms on prod"],
        [2, "stderr", "oops"],
      ].sort(),
    );
    expect(await logs.leases()).toEqual([]);
  });

  it("a process past its timeout is killed and stopped with the reason, keeping the lines it wrote", async () => {
    const executionId = await world.request();
    const runner = supervisor("echo started; sleep 30; echo never", { timeoutSeconds: 1 });
    await runner.poll();
    await runner.idle();
    const last = (await events(executionId)).at(-1);
    expect(last?.type).toBe("ExecutionStopped");
    expect(last?.data).toMatchObject({ reason: "Execution timed out after 1 seconds", cause: "timed-out" });
    expect((await logs.read(executionId)).map((l) => l.text)).toEqual(["started"]);
  });

  it("job stop on a running execution asks the runner (STOPPING), which kills the process and confirms (STOPPED)", async () => {
    const executionId = await world.request();
    const runner = supervisor("echo working; sleep 30");
    await runner.poll();
    await until(async () => (await logs.read(executionId)).length > 0, "the first line");
    await world.ok(ALICE, { type: "StopExecution", organization: world.organization, projectKey: world.projectKey, executionId });
    await runner.poll();
    await runner.idle();
    const stream = await events(executionId);
    expect(stream.slice(2).map((e) => [e.type, e.metadata.actor])).toEqual([
      ["ExecutionStopRequested", ALICE],
      ["ExecutionStopped", "system:runner"],
    ]);
    expect(stream.at(-1)?.data).toMatchObject({ reason: "User requested stop" });
    // The audit replays the new events and checks who may write them (the user asks, the runner confirms).
    expect(await auditStore(world.store)).toMatchObject({ ok: true });
  });

  it("two runners polling one ledger run an execution once: the second claim is refused", async () => {
    const executionId = await world.request();
    const runs = path.join(folder, "runs.txt");
    const script = `echo "$0" >> '${runs}'`;
    const [a, b] = [supervisor(script, { runnerId: "runner-a" }), supervisor(script, { runnerId: "runner-b" })];
    await Promise.all([a.poll(), b.poll()]);
    await Promise.all([a.idle(), b.idle()]);
    const stream = await events(executionId);
    expect(stream.map((e) => e.type)).toEqual(["ExecutionRequested", "ExecutionStarted", "ExecutionFinished"]);
    expect(readFileSync(runs, "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("a process that cannot start is finished with 127 and its reason is logged", async () => {
    const executionId = await world.request();
    const runner = createRunnerSupervisor({
      controlPlane: world.controlPlane,
      store: world.store,
      runner: createLocalProcessRunner({ command: { kind: "meltano", executable: path.join(folder, "no-such-meltano") } }),
      logs,
      leases: logs,
      clock: createSystemClock(),
      ids: createIdGenerator(),
      runnerId: "runner-a",
      timeoutSeconds: 60,
    });
    await runner.poll();
    await runner.idle();
    expect((await events(executionId)).at(-1)?.data).toMatchObject({ exitCode: 127 });
    expect((await logs.read(executionId))[0]?.text).toContain("ENOENT");
  });

  it("a report lost to a write conflict is retried under the same command id, so the exit code still lands once", async () => {
    const executionId = await world.request();
    const commandIds: string[] = [];
    const flaky: ControlPlane = {
      dispatch: async (envelope) => {
        if (envelope.command.type !== "FinishExecution") return world.controlPlane.dispatch(envelope);
        commandIds.push(envelope.commandId);
        if (commandIds.length === 1) {
          return { _tag: "Left", left: { kind: "conflict", streamName: executionStream(executionId), attempts: 3, message: "busy" } };
        }
        return world.controlPlane.dispatch(envelope);
      },
    };
    const runner = createRunnerSupervisor({
      controlPlane: flaky,
      store: world.store,
      runner: createLocalProcessRunner({ command: { kind: "shell", script: "exit 5" } }),
      logs,
      leases: logs,
      clock: createSystemClock(),
      ids: createIdGenerator(),
      runnerId: "runner-a",
      timeoutSeconds: 60,
    });
    await runner.poll();
    await runner.idle();
    expect(commandIds).toHaveLength(2);
    expect(new Set(commandIds).size).toBe(1);
    expect((await events(executionId)).at(-1)?.data).toMatchObject({ exitCode: 5 });
  });

  it("refuses a timeout a Node timer cannot hold (over 24 days)", () => {
    expect(() => supervisor("exit 0", { timeoutSeconds: 25 * 86_400 })).toThrow(RangeError);
  });

  it("a SIGKILLed runner is swept: its execution is stopped as runner-vanished, naming it; a live one is not", async () => {
    const executionId = await world.request();
    const child = spawn(
      process.execPath,
      ["--conditions=source", "--import", "tsx", workerPath, folder, "runner-doomed", "echo alive; sleep 3"],
      {
        cwd: repoRoot,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await until(async () => (await logs.read(executionId)).length > 0, `the worker's first line (${output})`, 40_000);
      const tracker = createExecutionTracker(world.store);
      const sweep = { tracker, leases: logs, clock: createSystemClock(), leaseSeconds: 1, runnerId: "sweeper" };
      const report = async (command: Parameters<typeof world.ok>[1]) => {
        const result = await world.controlPlane.dispatch({ command, actor: "system:runner", commandId: createIdGenerator().ulid() });
        return result._tag === "Left" ? result.left : undefined;
      };
      await tracker.catchUp();
      expect(await sweepVanishedRunners({ ...sweep, report })).toEqual([]);
      child.kill("SIGKILL");
      await exited;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await tracker.catchUp();
      expect(await sweepVanishedRunners({ ...sweep, report })).toEqual([executionId]);
    } finally {
      child.kill("SIGKILL");
    }
    const last = (await events(executionId)).at(-1);
    expect(last?.type).toBe("ExecutionStopped");
    expect(last?.data).toMatchObject({ cause: "runner-vanished", reason: "Runner 'runner-doomed' stopped sending heartbeats" });
    expect(await logs.leases()).toEqual([]);
    expect(await auditStore(world.store)).toMatchObject({ ok: true });
  });
});
