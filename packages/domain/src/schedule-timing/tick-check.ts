import { dueTicks } from "./due-ticks.js";
import { InvalidIntervalError, toScheduleInterval } from "./interval.js";

/** The deployment key the scheduler's ticks use for a deployment: it names the deployment within its project. */
export function deploymentTickKey(projectKey: string, deployment: string): string {
  return `${projectKey}/${deployment}`;
}

export interface TickCheckInput {
  readonly projectKey: string;
  readonly deployment: string;
  readonly scheduleName: string;
  readonly interval: string;
  readonly tickId: string;
}

/**
 * Why `tickId` is not a due tick of this (deployment, schedule), or undefined when it is: the id must be the one
 * dueTicks gives, `<projectKey>/<deployment>/<schedule>/<ISO instant>`, for an instant that is a cron tick surviving the
 * 15-minute cap (rule 43) shifted by the pair's offset (rule 29). Manual-only intervals have no ticks (rule 30).
 */
export function whyTickNotDue(input: TickCheckInput): string | undefined {
  const deploymentKey = deploymentTickKey(input.projectKey, input.deployment);
  const prefix = `${deploymentKey}/${input.scheduleName}/`;
  if (!input.tickId.startsWith(prefix)) return `a tick id of this schedule starts with '${prefix}'`;
  const at = input.tickId.slice(prefix.length);
  const ms = Date.parse(at);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at) || Number.isNaN(ms) || new Date(ms).toISOString() !== at) {
    return `'${at}' is not an instant written as YYYY-MM-DDTHH:MM:SS.sssZ`;
  }
  let manual: boolean;
  try {
    manual = toScheduleInterval(input.interval).kind === "manual";
  } catch (error) {
    if (error instanceof InvalidIntervalError) return `its interval '${input.interval}' is not valid cron`;
    throw error;
  }
  if (manual) return `its interval '${input.interval}' is manual-only and has no ticks`;
  const schedule = { deploymentKey, scheduleName: input.scheduleName, interval: input.interval, enabled: true };
  const due = dueTicks({ schedules: [schedule], from: at, to: new Date(ms + 1).toISOString() });
  if (!due.some((tick) => tick.tickId === input.tickId)) return `${at} is not one of its ticks (cron, 15-minute cap, offset applied)`;
  return undefined;
}
