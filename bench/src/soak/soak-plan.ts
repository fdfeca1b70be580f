import { createRng } from "../data/rng.js";
import { SCHEDULES } from "../data/world.js";
import type { MixDriver } from "../workloads/command-mix.js";

/** Commands a writer sends to one deployment before it moves on to a new one, so no stream grows without bound. */
const COMMANDS_PER_DEPLOYMENT = 150;

/**
 * One soak writer: an endless seeded mix like the benchmark's (executions ~60 % of commands, schedule toggles the
 * rest), rotating to a fresh deployment every COMMANDS_PER_DEPLOYMENT commands — the steady state of a busy tenant.
 * `onCommand` gets each command's latency in ms; `shouldStop` is checked between commands. `progress.deployments`
 * numbers the writer's deployments and survives a restart after an error, so a new deployment is never a duplicate.
 */
export async function runSoakWriter(
  driver: MixDriver,
  writer: number,
  progress: { deployments: number },
  onCommand: (latencyMs: number) => void,
  shouldStop: () => boolean,
): Promise<void> {
  const rng = createRng(writer * 7_919 + progress.deployments);
  const timed = async (work: () => Promise<unknown>): Promise<void> => {
    const start = performance.now();
    await work();
    onCommand(performance.now() - start);
  };
  while (!shouldStop()) {
    const deployment = `soak-w${writer}-d${progress.deployments++}`;
    await timed(() => driver.createDeployment(deployment));
    const enabled = new Set<string>();
    let sent = 1;
    while (sent < COMMANDS_PER_DEPLOYMENT && !shouldStop()) {
      const schedule = rng.pick(SCHEDULES).name;
      if (rng.next() < 1 / 3) {
        const id = await timedValue(() => driver.requestExecution(deployment, schedule), onCommand);
        await timed(() => driver.startExecution(id));
        await timed(() => driver.finishExecution(id, rng.next() < 0.9 ? 0 : 1));
        sent += 3;
      } else {
        const on = enabled.has(schedule);
        if (on) enabled.delete(schedule);
        else enabled.add(schedule);
        await timed(() => (on ? driver.disableSchedule(deployment, schedule) : driver.enableSchedule(deployment, schedule)));
        sent += 1;
      }
    }
  }
}

async function timedValue<T>(work: () => Promise<T>, onCommand: (latencyMs: number) => void): Promise<T> {
  const start = performance.now();
  const value = await work();
  onCommand(performance.now() - start);
  return value;
}
