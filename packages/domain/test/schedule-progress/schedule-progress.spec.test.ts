import { describe, expect, it } from "vitest";
import {
  deploymentDecider,
  deploymentTickKey,
  digestOf,
  dueTicks,
  scheduleProgressDecider,
  type ClaimScheduledTick,
  type DeploymentEvent,
  type DeploymentState,
  type ScheduleProgressEvent,
  type ScheduleProgressState,
} from "@cloud-ledger/domain";
import { manifestOf } from "@cloud-ledger/domain/testing";
import { COMMIT_1, ORG, PK, ref } from "../support/fixtures.js";

// The missed-tick policy (rules 29, 30, 43 and rule L13): the scheduler takes the latest due tick of a pair,
// the ticks it skipped are recorded as missed, and the progress only moves forward.
const manifest = manifestOf({
  environments: ["prod"],
  schedules: [
    { name: "quarterly", interval: "*/15 * * * *" },
    { name: "off", interval: "0 * * * *" },
    { name: "once", interval: "@once" },
  ],
});
const created: DeploymentEvent = {
  type: "DeploymentCreated",
  data: {
    ...ref,
    environment: "prod",
    gitRev: "main",
    commit: COMMIT_1,
    manifestDigest: digestOf(manifest),
    schedules: manifest.schedules.map((s) => ({ name: s.name, interval: s.interval })),
  },
};
const enable = (schedule: string): DeploymentEvent => ({ type: "ScheduleEnabled", data: { ...ref, schedule } });
const deployment: DeploymentState = [created, enable("quarterly"), enable("once")].reduce(
  deploymentDecider.evolve,
  deploymentDecider.initialState(),
);
const key = deploymentTickKey(PK, "prod");
const ticks = (from: string, to: string) =>
  dueTicks({ schedules: [{ deploymentKey: key, scheduleName: "quarterly", interval: "*/15 * * * *", enabled: true }], from, to });
const claim = (tickId: string, since?: string, schedule = "quarterly"): ClaimScheduledTick => ({
  type: "ClaimScheduledTick",
  organization: ORG,
  projectKey: PK,
  deploymentName: "prod",
  schedule,
  tickId,
  ...(since === undefined ? {} : { since }),
  deploymentState: deployment,
});
const fold = (events: readonly ScheduleProgressEvent[], state = scheduleProgressDecider.initialState()): ScheduleProgressState =>
  events.reduce(scheduleProgressDecider.evolve, state);
function decided(command: ClaimScheduledTick, state: ScheduleProgressState): readonly ScheduleProgressEvent[] {
  const outcome = scheduleProgressDecider.decide(command, state);
  if (outcome._tag === "Left") throw new Error(outcome.left.message);
  return outcome.right;
}
const errorCode = (command: ClaimScheduledTick, state: ScheduleProgressState) => {
  const outcome = scheduleProgressDecider.decide(command, state);
  return outcome._tag === "Left" ? outcome.left.code : "accepted";
};

describe("schedule progress: the missed-tick policy", () => {
  const day = ticks("2024-03-01T00:00:00.000Z", "2024-03-02T00:00:00.000Z");
  const at = (i: number) => day[i]!.tickId;

  it("takes the first tick with nothing missed when the schedule was enabled just before it", () => {
    const since = new Date(Date.parse(day[0]!.at) - 60_000).toISOString();
    expect(decided(claim(at(0), since), fold([]))).toEqual([
      { type: "ScheduledTickClaimed", data: { ...ref, schedule: "quarterly", tickId: at(0) } },
    ]);
  });

  it("after downtime records every skipped tick since the previous one as missed, once, and takes the latest", () => {
    const state = fold(decided(claim(at(2)), fold([])));
    const events = decided(claim(at(9)), state);
    expect(events).toEqual([
      {
        type: "ScheduledTicksMissed",
        data: { ...ref, schedule: "quarterly", interval: "*/15 * * * *", count: 6, firstTickId: at(3), lastTickId: at(8) },
      },
      { type: "ScheduledTickClaimed", data: { ...ref, schedule: "quarterly", tickId: at(9) } },
    ]);
    const after = fold(events, state);
    expect(after).toEqual({ last: { tickId: at(9), at: day[9]!.at }, missed: 6 });
    // Never twice: the same tick again is nothing new, an earlier one is refused.
    expect(decided(claim(at(9)), after)).toEqual([]);
    expect(errorCode(claim(at(5)), after)).toBe("tick-not-due");
    expect(errorCode(claim(at(8)), after)).toBe("tick-not-due");
  });

  it("counts missed ticks from when the schedule was (re-)enabled, not across the time it was off", () => {
    const state = fold(decided(claim(at(2)), fold([])));
    const since = new Date(Date.parse(day[7]!.at) - 1).toISOString();
    const events = decided(claim(at(9), since), state);
    expect(events[0]).toMatchObject({ type: "ScheduledTicksMissed", data: { count: 2, firstTickId: at(7), lastTickId: at(8) } });
  });

  it("refuses ticks of a disabled or manual-only schedule, a tick that is not one, and a 'since' after the tick", () => {
    expect(errorCode(claim(`${key}/off/2024-03-01T01:00:00.000Z`, undefined, "off"), fold([]))).toBe("schedule-not-enabled");
    expect(errorCode(claim(`${key}/once/2024-03-01T01:00:00.000Z`, undefined, "once"), fold([]))).toBe("tick-not-due");
    expect(errorCode(claim(`${key}/quarterly/2024-03-01T01:01:00.000Z`), fold([]))).toBe("tick-not-due");
    expect(errorCode(claim(at(3), "2024-03-02T00:00:00.000Z"), fold([]))).toBe("tick-not-due");
    expect(errorCode(claim(at(3), "yesterday"), fold([]))).toBe("tick-not-due");
    const deleted = [
      created,
      { type: "DeploymentDeleted", data: { ...ref, enabledSchedulesDropped: [] } } satisfies DeploymentEvent,
    ].reduce(deploymentDecider.evolve, deploymentDecider.initialState());
    expect(errorCode({ ...claim(at(3)), deploymentState: deleted }, fold([]))).toBe("schedule-not-found");
  });
});
