import { createRng } from "../data/rng.js";
import { SCHEDULES } from "../data/world.js";

/** What one writer does to the control plane, independent of whose handler runs it (ours or Emmett's). */
export interface MixDriver {
  createDeployment(deployment: string): Promise<void>;
  enableSchedule(deployment: string, schedule: string): Promise<void>;
  disableSchedule(deployment: string, schedule: string): Promise<void>;
  /** An ad-hoc run (Meltano's `run`): returns the new execution's id. */
  requestExecution(deployment: string, schedule: string): Promise<string>;
  startExecution(executionId: string): Promise<void>;
  finishExecution(executionId: string, exitCode: number): Promise<void>;
}

export interface MixPlan {
  /** Deployments this writer creates first (names unique per run and writer). */
  readonly deployments: readonly string[];
  readonly steps: readonly MixStep[];
}

export type MixStep =
  | { readonly kind: "toggle"; readonly deployment: string; readonly schedule: string; readonly enable: boolean }
  | { readonly kind: "execution"; readonly deployment: string; readonly schedule: string; readonly exitCode: number };

/**
 * A seeded plan of about `commands` commands for one writer: it creates its deployments, then (by count) 60 % of its
 * commands run executions (request, start, finish: 3 commands each) and 40 % toggle schedules (always a real change,
 * so every command appends). Plans are pure data, so both sides of the comparison run exactly the same commands.
 */
export function planMix(seed: number, writer: number, run: number, commands: number, deploymentsPerWriter = 3): MixPlan {
  const rng = createRng(seed * 7919 + writer * 104_729 + run);
  const deployments = Array.from({ length: deploymentsPerWriter }, (_, i) => `r${run}-w${writer}-d${i}`);
  const enabled = new Set<string>();
  const steps: MixStep[] = [];
  let count = deployments.length;
  while (count < commands) {
    const deployment = rng.pick(deployments);
    const schedule = rng.pick(SCHEDULES).name;
    if (rng.next() < 0.6 / (0.6 + 0.4 * 3)) {
      // Weighted per step so that, counted in commands, executions make up ~60 % (each is three commands).
      steps.push({ kind: "execution", deployment, schedule, exitCode: rng.next() < 0.9 ? 0 : 1 });
      count += 3;
    } else {
      const key = `${deployment}/${schedule}`;
      const enable = !enabled.has(key);
      if (enable) enabled.add(key);
      else enabled.delete(key);
      steps.push({ kind: "toggle", deployment, schedule, enable });
      count += 1;
    }
  }
  return { deployments, steps };
}

/** Runs a plan through a driver and returns how many commands it sent. */
export async function runPlan(plan: MixPlan, driver: MixDriver): Promise<number> {
  let commands = 0;
  for (const deployment of plan.deployments) {
    await driver.createDeployment(deployment);
    commands += 1;
  }
  for (const step of plan.steps) {
    if (step.kind === "toggle") {
      await (step.enable ? driver.enableSchedule(step.deployment, step.schedule) : driver.disableSchedule(step.deployment, step.schedule));
      commands += 1;
    } else {
      const id = await driver.requestExecution(step.deployment, step.schedule);
      await driver.startExecution(id);
      await driver.finishExecution(id, step.exitCode);
      commands += 3;
    }
  }
  return commands;
}
