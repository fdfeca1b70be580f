import type { ControlPlane, EventStore } from "@cloud-ledger/domain";
import type { BenchContext } from "../context.js";
import { median, secondsSince } from "../harness/stats.js";
import { createOurControlPlane, setUpTenant, type Tenant } from "./our-driver.js";
import type { StoreTarget } from "./store-targets.js";

/** The store as one without multi-stream appends sees it: two-stream commands then write stream by stream. */
export function withoutAppendStreams(store: EventStore): EventStore {
  const view: EventStore = { ...store, name: store.name };
  delete view.appendStreams;
  return view;
}

/** Each writer creates a deployment and deletes it again, `cycles` times: every command writes two streams. */
async function churn(
  plane: ControlPlane,
  tenant: Tenant,
  writer: number,
  run: number,
  cycles: number,
  nextId: () => string,
): Promise<number> {
  const { organization, maintainer } = tenant;
  const projectKey = tenant.projectKeys[writer % tenant.projectKeys.length]!;
  for (let cycle = 0; cycle < cycles; cycle += 1) {
    const name = `churn-r${run}-w${writer}-${cycle}`;
    for (const command of [
      { type: "CreateDeployment" as const, organization, projectKey, name, environment: "prod", gitRev: "main" },
      { type: "DeleteDeployment" as const, organization, projectKey, name },
    ]) {
      const result = await plane.dispatch({ command, commandId: nextId(), actor: maintainer });
      if (result._tag === "Left") throw new Error(`${command.type} was refused: ${JSON.stringify(result.left)}`);
    }
  }
  return cycles * 2;
}

async function churnOnce(
  target: StoreTarget,
  label: string,
  writers: number,
  run: number,
  cycles: number,
  split: boolean,
): Promise<number> {
  const opened = await target.open(label);
  const store = split ? withoutAppendStreams(opened) : opened;
  try {
    const tenant = await setUpTenant(store, 7 + run, writers);
    const { plane, nextId } = createOurControlPlane(store, 900 + run);
    const start = process.hrtime.bigint();
    const counts = await Promise.all(Array.from({ length: writers }, (_, w) => churn(plane, tenant, w, run, cycles, nextId)));
    return counts.reduce((a, b) => a + b, 0) / secondsSince(start);
  } finally {
    await opened.close();
  }
}

/**
 * Issue 16's before/after: commands that each write two streams (create, then delete, a deployment: the deployment
 * and its project's index), with appendStreams (one transaction) and stream by stream (two appends and a version
 * re-check), alternating run by run so machine noise hits both alike.
 */
export async function measureTwoStreamCommands(context: BenchContext, target: StoreTarget, writers: number): Promise<void> {
  const { config, report } = context;
  const cycles = Math.max(2, Math.ceil(config.commandsPerRun / 4 / writers));
  const atomic: number[] = [];
  const split: number[] = [];
  for (let run = 0; run < config.measure.warmups + config.measure.runs; run += 1) {
    const timed = run >= config.measure.warmups;
    const label = `two_stream_${target.store}_${writers}_${run}`;
    const a = await churnOnce(target, `${label}_atomic`, writers, run, cycles, false);
    const b = await churnOnce(target, `${label}_split`, writers, run, cycles, true);
    if (timed) {
      atomic.push(a);
      split.push(b);
    }
  }
  const variant = `${writers} writer${writers === 1 ? "" : "s"}`;
  const row = { workload: "two-stream commands (create + delete deployment)", store: target.store };
  report.add({ ...row, variant: `appendStreams, ${variant}`, value: median(atomic), unit: "commands/s", runs: atomic });
  report.add({ ...row, variant: `stream by stream, ${variant}`, value: median(split), unit: "commands/s", runs: split });
  report.add({ ...row, variant: `appendStreams / stream by stream, ${variant}`, value: median(atomic) / median(split), unit: "ratio" });
}
