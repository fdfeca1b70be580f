import { describe, expect, it } from "vitest";
import { createFixedClock, type FixedClock } from "@cloud-ledger/adapters/clock";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createControlPlane, deploymentTickKey, dueTicks, type ControlPlane, type RecordedEvent } from "@cloud-ledger/domain";
import { manifestOf } from "@cloud-ledger/domain/testing";
import { createScheduler } from "@cloud-ledger/projections";
import { ALICE, REPO, acmeOrganization, acmeProject, createHarness, type Harness } from "./domain-harness.js";

// The scheduler (issue 14): every due tick of every enabled schedule of every deployed deployment becomes exactly one
// scheduled execution; after downtime the latest due tick runs and the skipped ones are recorded as missed
// (rule L13); disabled, deleted and manual-only schedules produce nothing (rules 29, 30, 43, 20).

const MINUTE = 60_000;
const START = "2024-05-06T10:00:30.000Z";
const manifest = manifestOf({
  environments: ["prod"],
  schedules: [
    { name: "quarterly", interval: "*/15 * * * *" },
    { name: "hourly", interval: "@hourly" },
    { name: "every-minute", interval: "* * * * *" },
    { name: "off", interval: "*/15 * * * *" },
    { name: "once", interval: "@once" },
    { name: "manual", interval: "@manual" },
    { name: "none", interval: "@none" },
  ],
});
const ENABLED = ["quarterly", "hourly", "every-minute", "once", "manual", "none"];

async function world(clock: FixedClock) {
  const h = createHarness(7, { clock });
  const organization = await acmeOrganization(h);
  const projectKey = await acmeProject(h, organization);
  h.git.commit(REPO, "main", manifest);
  for (const name of ["prod", "gone"]) {
    await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name, environment: "prod", gitRev: "main" });
    for (const schedule of ENABLED) await h.ok(ALICE, { type: "EnableSchedule", organization, projectKey, deployment: name, schedule });
  }
  await h.ok(ALICE, { type: "DeleteDeployment", organization, projectKey, name: "gone" });
  return { h, organization, projectKey };
}

async function allEvents(h: Harness): Promise<readonly RecordedEvent[]> {
  return h.store.readAll({});
}

/** Per schedule of `prod`: the ticks requested as executions, the ticks recorded missed, and how many requests per tick. */
async function outcome(h: Harness, projectKey: string) {
  const key = deploymentTickKey(projectKey, "prod");
  const requested = new Map<string, string[]>();
  const missed = new Map<string, string[]>();
  for (const event of await allEvents(h)) {
    const data = event.data as Record<string, unknown>;
    if (event.type === "ExecutionRequested" && data.trigger === "scheduled") {
      expect(data.deployment).toBe("prod");
      const list = requested.get(data.schedule as string) ?? [];
      list.push(data.tickId as string);
      requested.set(data.schedule as string, list);
    }
    if (event.type === "ScheduledTicksMissed") {
      const schedule = data.schedule as string;
      const first = (data.firstTickId as string).slice(-24);
      const last = (data.lastTickId as string).slice(-24);
      const timing = { deploymentKey: key, scheduleName: schedule, interval: data.interval as string, enabled: true };
      const ids = dueTicks({ schedules: [timing], from: first, to: new Date(Date.parse(last) + 1).toISOString() }).map((t) => t.tickId);
      expect(ids).toHaveLength(data.count as number);
      missed.set(schedule, [...(missed.get(schedule) ?? []), ...ids]);
    }
  }
  return { key, requested, missed };
}

function dueBetween(key: string, schedule: string, interval: string, from: string, to: string): string[] {
  const timing = { deploymentKey: key, scheduleName: schedule, interval, enabled: true };
  return dueTicks({ schedules: [timing], from, to: new Date(Date.parse(to) + 1).toISOString() }).map((t) => t.tickId);
}

describe("the scheduler", () => {
  it("turns each due tick into one execution, records ticks skipped by downtime as missed, and never does either twice", async () => {
    const clock = createFixedClock(START);
    const { h, projectKey } = await world(clock);
    const enabledAt = START;
    const one = createScheduler({ controlPlane: h.plane, store: h.store, clock });
    // Another process on the same store: its own index, progress cache and control plane.
    const other = createScheduler({ controlPlane: createHarnessPlane(h, clock), store: h.store, clock });

    expect((await one.tick()).requested).toEqual([]);
    const seen: string[] = [];
    for (let minute = 0; minute < 50; minute += 1) {
      clock.advance(MINUTE);
      const [a, b] = await Promise.all([one.tick(), other.tick()]);
      seen.push(...a.requested.map((r) => r.tickId), ...b.requested.map((r) => r.tickId));
      // The deleted deployment has none; the manual-only ones are looked at and yield no tick.
      expect(a.pairs).toBe(6);
    }
    // Downtime: three hours pass with no scheduler running.
    clock.advance(180 * MINUTE);
    const after = await one.tick();
    expect(after.requested.map((r) => r.schedule).sort()).toEqual(["every-minute", "hourly", "quarterly"]);
    expect(after.missed.map((m) => [m.schedule, m.count]).sort()).toEqual([
      ["every-minute", 11],
      ["hourly", 2],
      ["quarterly", 11],
    ]);
    expect(await other.tick()).toMatchObject({ requested: [], missed: [] });
    const end = clock.now();

    const { key, requested, missed } = await outcome(h, projectKey);
    for (const [schedule, interval] of [
      ["quarterly", "*/15 * * * *"],
      ["hourly", "@hourly"],
      ["every-minute", "* * * * *"],
    ] as const) {
      const runs = requested.get(schedule) ?? [];
      const skipped = missed.get(schedule) ?? [];
      expect(new Set(runs).size, `${schedule}: no tick requested twice`).toBe(runs.length);
      expect(
        runs.filter((t) => skipped.includes(t)),
        `${schedule}: no tick both run and missed`,
      ).toEqual([]);
      expect([...runs, ...skipped].sort(), `${schedule}: every due tick is run or missed`).toEqual(
        dueBetween(key, schedule, interval, enabledAt, end).sort(),
      );
    }
    expect([...requested.keys()].sort()).toEqual(["every-minute", "hourly", "quarterly"]);
    expect(seen.length + after.requested.length).toBe([...requested.values()].flat().length);
  });

  it("starts counting from when a schedule is (re-)enabled: ticks while it was disabled are neither run nor missed", async () => {
    const clock = createFixedClock(START);
    const { h, organization, projectKey } = await world(clock);
    const scheduler = createScheduler({ controlPlane: h.plane, store: h.store, clock });
    clock.advance(20 * MINUTE);
    await scheduler.tick();
    await h.ok(ALICE, { type: "DisableSchedule", organization, projectKey, deployment: "prod", schedule: "quarterly" });
    clock.advance(120 * MINUTE);
    expect((await scheduler.tick()).requested.map((r) => r.schedule)).not.toContain("quarterly");
    await h.ok(ALICE, { type: "EnableSchedule", organization, projectKey, deployment: "prod", schedule: "quarterly" });
    clock.advance(40 * MINUTE);
    const pass = await scheduler.tick();
    expect(pass.requested.filter((r) => r.schedule === "quarterly")).toHaveLength(1);
    // Re-enabled 40 minutes ago: two or three quarter-hours since, of which only the older ones are missed.
    const quarterly = pass.missed.find((m) => m.schedule === "quarterly");
    expect(quarterly?.count ?? 0).toBeLessThanOrEqual(2);
  });
});

/** A second control plane on the same store and git, with its own stream cache, as another process would have. */
function createHarnessPlane(h: Harness, clock: FixedClock): ControlPlane {
  return createControlPlane({ store: h.store, clock, ids: createSeededIdGenerator(99), git: h.git });
}
