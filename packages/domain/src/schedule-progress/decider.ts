import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { DeploymentState } from "../deployment/state.js";
import { dueTicks } from "../schedule-timing/due-ticks.js";
import { deploymentTickKey, whyTickNotDue } from "../schedule-timing/tick-check.js";
import type { ScheduleProgressEvent } from "./events.js";

/** The scheduler takes the latest due tick of a pair; the ticks between its last one (or `since`) and this one are missed. */
export interface ClaimScheduledTick {
  readonly type: "ClaimScheduledTick";
  readonly organization: string;
  readonly projectKey: string;
  readonly deploymentName: string;
  readonly schedule: string;
  readonly tickId: string;
  /** Ticks at or after this instant count (when the schedule was last enabled); absent, only ticks after the last one. */
  readonly since?: string;
  readonly deploymentState: DeploymentState;
}

export interface ScheduleProgressState {
  /** The last tick taken, and its instant. */
  readonly last?: { readonly tickId: string; readonly at: string };
  /** How many ticks were recorded as missed in all. */
  readonly missed: number;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The instant a (well-formed) tick id names: its last segment, `<projectKey>/<deployment>/<schedule>/<instant>`. */
export function tickInstantOf(tickId: string): string {
  return tickId.slice(tickId.lastIndexOf("/") + 1);
}

function claim(command: ClaimScheduledTick, state: ScheduleProgressState): Either<DomainError, readonly ScheduleProgressEvent[]> {
  const { organization, projectKey, deploymentName, schedule, tickId } = command;
  const deployment = command.deploymentState;
  // The same gates as the tick's execution request: a deployed environment with this schedule, enabled, and a real tick.
  if (deployment.status !== "deployed" || deployment.organization !== organization || deployment.projectKey !== projectKey) {
    return left(DomainErrors.scheduleNotFound(deploymentName, schedule));
  }
  const found = deployment.schedules.find((s) => s.name === schedule);
  if (found === undefined) return left(DomainErrors.scheduleNotFound(deploymentName, schedule));
  if (!found.enabled) return left(DomainErrors.scheduleNotEnabled(deploymentName, schedule));
  const { interval } = found;
  const why = whyTickNotDue({ projectKey, deployment: deployment.deployment, scheduleName: schedule, interval, tickId });
  if (why !== undefined) return left(DomainErrors.tickNotDue(deploymentName, schedule, tickId, why));
  const tickAt = tickInstantOf(tickId);

  let fromMs: number | undefined;
  if (state.last !== undefined) {
    // Another scheduler process took this very tick first: nothing more to record, and its execution is requested anyway.
    if (state.last.tickId === tickId) return right([]);
    if (tickAt <= state.last.at) {
      return left(
        DomainErrors.tickNotDue(deploymentName, schedule, tickId, `the scheduler already went past it (to ${state.last.tickId})`),
      );
    }
    fromMs = Date.parse(state.last.at) + 1;
  }
  if (command.since !== undefined) {
    const sinceMs = Date.parse(command.since);
    if (!ISO_INSTANT.test(command.since) || Number.isNaN(sinceMs) || command.since > tickAt) {
      return left(DomainErrors.tickNotDue(deploymentName, schedule, tickId, `'since' must be an instant at or before the tick`));
    }
    fromMs = Math.max(fromMs ?? sinceMs, sinceMs);
  }
  const pair = { organization, projectKey, deployment: deployment.deployment, schedule };
  const claimed: ScheduleProgressEvent = { type: "ScheduledTickClaimed", data: { ...pair, tickId } };
  if (fromMs === undefined) return right([claimed]);
  const timing = { deploymentKey: deploymentTickKey(projectKey, deployment.deployment), scheduleName: schedule, interval, enabled: true };
  const missed = dueTicks({ schedules: [timing], from: new Date(fromMs).toISOString(), to: tickAt });
  const first = missed[0];
  const last = missed[missed.length - 1];
  if (first === undefined || last === undefined) return right([claimed]);
  const summary = { ...pair, interval, count: missed.length, firstTickId: first.tickId, lastTickId: last.tickId };
  return right([{ type: "ScheduledTicksMissed", data: summary }, claimed]);
}

/**
 * How far the scheduler got with one (deployment, schedule) pair. Each tick is taken at most once (the stream only moves
 * forward), so two scheduler processes cannot both take it, and a tick is either taken or recorded as missed, never both.
 */
export const scheduleProgressDecider: Decider<ClaimScheduledTick, ScheduleProgressEvent, ScheduleProgressState, DomainError> = {
  initialState: () => ({ missed: 0 }),
  decide: claim,
  evolve(state, event) {
    if (event.type === "ScheduledTicksMissed") return { ...state, missed: state.missed + event.data.count };
    const { tickId } = event.data;
    return { ...state, last: { tickId, at: tickInstantOf(tickId) } };
  },
};
