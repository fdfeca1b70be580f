import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  deploymentDecider,
  deploymentTickKey,
  digestOf,
  dueTicks,
  executionDecider,
  type DeploymentEvent,
  type DeploymentState,
} from "@cloud-ledger/domain";
import { deciderSpec, manifestOf } from "@cloud-ledger/domain/testing";
import { COMMIT_1, EXECUTION, ORG, PK, ref } from "../support/fixtures.js";

// Rules 29, 30, 43: the scheduler may only record ticks the schedule's own timing yields.
const spec = deciderSpec(executionDecider);
const manifest = manifestOf({
  environments: ["prod"],
  schedules: [
    { name: "every-minute", interval: "* * * * *" },
    { name: "daily", interval: "0 6 * * *" },
    { name: "once", interval: "@once" },
    { name: "manual", interval: "@manual" },
    { name: "none", interval: "@none" },
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
const deployment: DeploymentState = [created, ...manifest.schedules.map((s) => enable(s.name))].reduce(
  deploymentDecider.evolve,
  deploymentDecider.initialState(),
);
const key = deploymentTickKey(PK, "prod");
const request = (schedule: string, tickId: string, state: DeploymentState = deployment) => ({
  type: "RequestExecution" as const,
  organization: ORG,
  projectKey: PK,
  executionId: EXECUTION,
  deploymentName: "prod",
  schedule,
  trigger: "scheduled" as const,
  tickId,
  deploymentState: state,
});
const ticksOf = (schedule: string, interval: string, from: string, to: string) =>
  dueTicks({ schedules: [{ deploymentKey: key, scheduleName: schedule, interval, enabled: true }], from, to });
const MINUTE = 60_000;
/** One ExecutionRequested for the tick. */
function expectAccepted(command: ReturnType<typeof request>): void {
  const outcome = executionDecider.decide(command, { status: "none" });
  expect(outcome._tag === "Right" && outcome.right.map((e) => e.type)).toEqual(["ExecutionRequested"]);
}

describe("scheduled ticks are checked against the schedule's timing (rules 29, 30, 43)", () => {
  it("rule 43: given a every-minute cron, when the scheduler records its due ticks, then only one per 15 minutes is accepted", () => {
    const due = ticksOf("every-minute", "* * * * *", "2026-12-01T00:00:00.000Z", "2026-12-01T01:00:00.000Z");
    expect(due.length).toBeLessThanOrEqual(4);
    for (const tick of due) expectAccepted(request("every-minute", tick.tickId));
    const first = Date.parse(due[0]?.at ?? "");
    const between = new Date(first + 5 * MINUTE).toISOString();
    const error = spec
      .given([])
      .when(request("every-minute", `${key}/every-minute/${between}`))
      .thenFails((e) => e.code === "tick-not-due");
    expect(error.message).toContain(between);
  });

  it("rule 29: given a daily 06:00 cron, when a tick at 06:00 sharp is not where the pair's offset puts it, then it is refused", () => {
    const [due] = ticksOf("daily", "0 6 * * *", "2026-12-01T00:00:00.000Z", "2026-12-02T00:00:00.000Z");
    expect(due).toBeDefined();
    const offsetMinutes = (Date.parse(due?.at ?? "") - Date.parse("2026-12-01T06:00:00.000Z")) / MINUTE;
    expect(Math.abs(offsetMinutes)).toBeLessThanOrEqual(7);
    expectAccepted(request("daily", due?.tickId ?? ""));
    if (offsetMinutes !== 0) {
      spec
        .given([])
        .when(request("daily", `${key}/daily/2026-12-01T06:00:00.000Z`))
        .thenFails((e) => e.code === "tick-not-due");
    }
  });

  it("rule 30: given @once, @manual and @none schedules (enabled), when any tick is requested, then it is refused by name", () => {
    for (const name of ["once", "manual", "none"]) {
      const tickId = `${key}/${name}/2026-12-01T06:00:00.000Z`;
      const error = spec
        .given([])
        .when(request(name, tickId))
        .thenFails((e) => e.code === "tick-not-due");
      expect(error.message).toBe(
        `Tick '${tickId}' is not a due tick of schedule '${name}' in deployment 'prod': ` +
          `its interval '@${name}' is manual-only and has no ticks.`,
      );
    }
  });

  it("rule 29: given a disabled schedule, when one of its cron ticks is requested, then it is refused", () => {
    const disabled = [created].reduce(deploymentDecider.evolve, deploymentDecider.initialState());
    const [due] = ticksOf("daily", "0 6 * * *", "2026-12-01T00:00:00.000Z", "2026-12-02T00:00:00.000Z");
    spec
      .given([])
      .when(request("daily", due?.tickId ?? "", disabled))
      .thenFails((e) => e.code === "schedule-not-enabled");
  });

  it("a tick id of another schedule or deployment, or a malformed instant, is refused and names the tick", () => {
    const [due] = ticksOf("daily", "0 6 * * *", "2026-12-01T00:00:00.000Z", "2026-12-02T00:00:00.000Z");
    const at = due?.at ?? "";
    for (const tickId of [
      `${key}/every-minute/${at}`,
      `${deploymentTickKey(PK, "staging")}/daily/${at}`,
      "tick-1",
      `${key}/daily/2026-12-01T06:00:00Z`,
    ]) {
      const error = spec
        .given([])
        .when(request("daily", tickId))
        .thenFails((e) => e.code === "tick-not-due");
      expect(error.message).toContain(`Tick '${tickId}'`);
    }
  });

  it("property: every tick dueTicks yields is accepted; shifted by a non-zero number of minutes not itself due, it is refused", () => {
    const schedules = [
      ["every-minute", "* * * * *"],
      ["daily", "0 6 * * *"],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...schedules),
        fc.integer({ min: Date.parse("2020-01-01T00:00:00Z"), max: Date.parse("2030-01-01T00:00:00Z") }),
        fc.integer({ min: -24 * 60, max: 24 * 60 }).filter((shift) => shift !== 0),
        ([name, interval], start, shift) => {
          const from = new Date(start).toISOString();
          const [tick] = ticksOf(name, interval, from, new Date(start + 2 * 24 * 60 * MINUTE).toISOString());
          if (tick === undefined) throw new Error(`no tick of ${name} within two days`);
          expectAccepted(request(name, tick.tickId));
          const shiftedMs = Date.parse(tick.at) + shift * MINUTE;
          const shifted = new Date(shiftedMs).toISOString();
          const shiftedDue = ticksOf(name, interval, shifted, new Date(shiftedMs + 1).toISOString()).length > 0;
          const outcome = executionDecider.decide(request(name, `${key}/${name}/${shifted}`), { status: "none" });
          expect(outcome._tag).toBe(shiftedDue ? "Right" : "Left");
          if (outcome._tag === "Left") expect(outcome.left.code).toBe("tick-not-due");
        },
      ),
      { numRuns: 200 },
    );
  });
});
