// A runner process for runner-local.test.ts: runs the supervisor over the test's SQLite ledger until it is killed.
import path from "node:path";
import { createLocalProcessRunner, createRunnerSupervisor } from "@cloud-ledger/adapters/runner-local";
import { openSqliteExecutionLogStore } from "@cloud-ledger/adapters/execution-log-sqlite";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
import { openRunnerWorld } from "./support/runner-world.js";

const [folder = "", runnerId = "", script = ""] = process.argv.slice(2);
const world = await openRunnerWorld(folder, { create: false });
const logs = openSqliteExecutionLogStore({ path: path.join(folder, "executions.sqlite") });
const supervisor = createRunnerSupervisor({
  controlPlane: world.controlPlane,
  store: world.store,
  runner: createLocalProcessRunner({ command: { kind: "shell", script } }),
  logs,
  leases: logs,
  clock: createSystemClock(),
  ids: createIdGenerator(),
  runnerId,
  timeoutSeconds: 600,
  leaseSeconds: 1,
  pollMs: 100,
  notice: (message) => process.stdout.write(`${message}\n`),
});
process.stdout.write("ready\n");
await supervisor.run(new AbortController().signal);
