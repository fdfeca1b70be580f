import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  auditStore,
  hashEvent,
  type JsonValue,
  creditsDecider,
  creditsEventSerde,
  creditsStream,
  deploymentTickKey,
  dueTicks,
  formatCredits,
  type CreditsState,
  type EventStore,
} from "@cloud-ledger/domain";
import { createArrayEventStore, manifestOf } from "@cloud-ledger/domain/testing";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { ALICE, BOB, REPO, RUNNER, SCHEDULER, acmeOrganization, acmeProject, createHarness, type Harness } from "./domain-harness.js";

/*
 * Rules 42 and 44 through the control plane: runs are charged when they end, exactly once, from the recorded times of
 * their start and end; exhausted credits refuse new runs. Each case runs on the memory store (charge and end in one
 * transaction) and on a store without appendStreams (the charge follows the end).
 */

const MINUTE = 60_000;
const manifest = manifestOf({
  environments: ["prod"],
  schedules: [{ name: "daily-transforms" }, { name: "quarter-hourly", interval: "*/15 * * * *" }],
});

function manualClock(start: string) {
  let now = Date.parse(start);
  return { now: () => new Date(now).toISOString(), advance: (ms: number) => (now += ms) };
}

const STORES = {
  "one transaction (appendStreams)": () => undefined,
  "stream by stream (no appendStreams)": () => createArrayEventStore(),
} satisfies Record<string, () => EventStore | undefined>;

async function world(makeStore: () => EventStore | undefined) {
  const clock = manualClock("2023-08-24T12:00:00.000Z");
  const store = makeStore();
  const h = createHarness(7, { clock, ...(store === undefined ? {} : { store }) });
  const organization = await acmeOrganization(h);
  const projectKey = await acmeProject(h, organization);
  h.git.commit(REPO, "main", manifest);
  await h.ok(ALICE, { type: "CreateDeployment", organization, projectKey, name: "prod", environment: "prod", gitRev: "main" });
  const on = { organization, projectKey, deployment: "prod" };
  for (const schedule of ["daily-transforms", "quarter-hourly"]) await h.ok(ALICE, { type: "EnableSchedule", ...on, schedule });
  return { h, clock, organization, projectKey, on };
}

type World = Awaited<ReturnType<typeof world>>;

async function credits(h: Harness, organization: string): Promise<CreditsState> {
  let state = creditsDecider.initialState();
  for (const recorded of await h.store.readStream(creditsStream(organization))) {
    const event = creditsEventSerde.decode(recorded);
    if (event._tag === "Left") throw new Error(event.left);
    state = creditsDecider.evolve(state, event.right);
  }
  return state;
}

const balanceOf = (state: CreditsState): string | undefined => (state.status === "metered" ? formatCredits(state.balance) : undefined);

function tickOf(w: World, schedule: string, interval: string, nth = 0): string {
  const ticks = dueTicks({
    schedules: [{ deploymentKey: deploymentTickKey(w.projectKey, "prod"), scheduleName: schedule, interval, enabled: true }],
    from: "2023-08-24T00:00:00Z",
    to: "2023-08-26T00:00:00Z",
  });
  const tick = ticks[nth]?.tickId;
  if (tick === undefined) throw new Error(`no tick ${nth} for ${schedule}`);
  return tick;
}

/** Requests a run (ad-hoc, or the nth due tick of a schedule), starts it, lets `minutes` pass and ends it. */
async function runFor(w: World, how: { schedule: string; tick?: { interval: string; nth?: number } }, ms: number, end = "finish") {
  const { h, clock, organization, projectKey, on } = w;
  const requested =
    how.tick === undefined
      ? await h.ok(ALICE, { type: "RunSchedule", ...on, schedule: how.schedule })
      : await h.ok(SCHEDULER, {
          type: "RequestScheduledExecution",
          ...on,
          schedule: how.schedule,
          tickId: tickOf(w, how.schedule, how.tick.interval, how.tick.nth),
        });
  const executionId = requested.events[0]!.streamName.slice("execution-".length);
  await h.ok(RUNNER, { type: "StartExecution", organization, projectKey, executionId });
  clock.advance(ms);
  const ended =
    end === "finish"
      ? await h.ok(RUNNER, { type: "FinishExecution", organization, projectKey, executionId, exitCode: 0 }, `finish-${executionId}`)
      : await h.ok(ALICE, { type: "StopExecution", organization, projectKey, executionId });
  return { executionId, ended };
}

describe.each(Object.entries(STORES))("credits through the control plane, %s", (_label, makeStore) => {
  it("rule 42: runs of each class consume what the fee schedule says, from the recorded start and end", async () => {
    const w = await world(makeStore);
    await w.h.ok(ALICE, { type: "PurchaseCredits", organization: w.organization, amount: "10" });

    const adhoc = await runFor(w, { schedule: "daily-transforms" }, 12 * MINUTE + 30_000);
    const consumed = adhoc.ended.events.find((e) => e.type === "CreditsConsumed");
    expect(consumed?.data).toMatchObject({ runClass: "infrequent", trigger: "adhoc", credits: "1.3" });
    const finished = adhoc.ended.events.find((e) => e.type === "ExecutionFinished");
    expect(consumed?.data).toMatchObject({ endedAt: finished?.metadata.occurredAt });

    const frequent = await runFor(w, { schedule: "quarter-hourly", tick: { interval: "*/15 * * * *" } }, 7 * MINUTE);
    expect(frequent.ended.events.find((e) => e.type === "CreditsConsumed")?.data).toMatchObject({ runClass: "frequent", credits: "0.7" });

    const daily = await runFor(w, { schedule: "daily-transforms", tick: { interval: "@daily" } }, 3 * MINUTE);
    expect(daily.ended.events.find((e) => e.type === "CreditsConsumed")?.data).toMatchObject({ runClass: "infrequent", credits: "1" });

    // A manual stop ends the run too: it is charged for the time it ran.
    const stopped = await runFor(w, { schedule: "daily-transforms" }, 11 * MINUTE, "stop");
    expect(stopped.ended.events.find((e) => e.type === "CreditsConsumed")?.data).toMatchObject({ credits: "1.1" });

    const state = await credits(w.h, w.organization);
    expect(balanceOf(state)).toBe("5.9");
    expect(state.status === "metered" && [formatCredits(state.consumed), state.runs]).toEqual(["4.1", { frequent: 1, infrequent: 3 }]);
    const audit = await auditStore(w.h.store);
    expect(audit.ok, JSON.stringify(audit)).toBe(true);
  });

  it("a retried finish charges once, under the same command id or another", async () => {
    const w = await world(makeStore);
    await w.h.ok(ALICE, { type: "PurchaseCredits", organization: w.organization, amount: "5" });
    const { executionId, ended } = await runFor(w, { schedule: "daily-transforms" }, MINUTE);
    const { organization, projectKey } = w;
    const finish = { type: "FinishExecution" as const, organization, projectKey, executionId, exitCode: 0 };
    const again = await w.h.ok(RUNNER, finish, `finish-${executionId}`);
    expect(again.events).toEqual(ended.events);
    await w.h.ok(RUNNER, finish, "another-finish-id");
    const charges = (await w.h.store.readStream(creditsStream(organization))).filter((e) => e.type === "CreditsConsumed");
    expect(charges).toHaveLength(1);
    expect(balanceOf(await credits(w.h, organization))).toBe("4");
  });

  it("rule 44: exhausted credits refuse scheduled and ad-hoc runs until credits are purchased", async () => {
    const w = await world(makeStore);
    const { h, organization, on } = w;
    await h.ok(ALICE, { type: "PurchaseCredits", organization, amount: "1" });
    const first = await h.ok(ALICE, { type: "RunSchedule", ...on, schedule: "daily-transforms" }, "run-before");
    await runFor(w, { schedule: "daily-transforms" }, MINUTE);
    expect(balanceOf(await credits(h, organization))).toBe("0");

    const tick = {
      type: "RequestScheduledExecution" as const,
      ...on,
      schedule: "daily-transforms",
      tickId: tickOf(w, "daily-transforms", "@daily"),
    };
    const refused = await h.fail(SCHEDULER, tick);
    expect(refused).toMatchObject({ code: "credits-exhausted", organization, balance: "0" });
    expect(refused.message).toContain(organization);
    expect((await h.fail(ALICE, { type: "RunSchedule", ...on, schedule: "daily-transforms" })).code).toBe("credits-exhausted");
    // A request recorded before the credits ran out still gets its first answer when retried.
    const retried = await h.ok(ALICE, { type: "RunSchedule", ...on, schedule: "daily-transforms" }, "run-before");
    expect(retried.events).toEqual(first.events);

    await h.ok(ALICE, { type: "PurchaseCredits", organization, amount: "2" });
    expect((await h.ok(SCHEDULER, tick)).events.map((e) => e.type)).toEqual(["ExecutionRequested"]);
  });

  it("an organization that never purchased credits is unmetered: never charged, never refused", async () => {
    const w = await world(makeStore);
    await runFor(w, { schedule: "daily-transforms" }, 30 * MINUTE);
    await runFor(w, { schedule: "daily-transforms" }, 30 * MINUTE);
    expect(await w.h.store.readStream(creditsStream(w.organization))).toEqual([]);
    expect((await auditStore(w.h.store)).ok).toBe(true);
  });

  it("only an owner or system:billing records a purchase; amounts are checked and nothing is written for a bad one", async () => {
    const w = await world(makeStore);
    const { h, organization } = w;
    await h.ok(BOB, { type: "SignUpUser", githubUserId: "1002", login: "bob" });
    await h.ok(ALICE, { type: "AddMember", organization, githubUserId: "1002", role: "maintainer" });
    const purchase = { type: "PurchaseCredits" as const, organization, amount: "100" };
    expect((await h.fail(BOB, purchase)).code).toBe("insufficient-role");
    expect((await h.fail(RUNNER, purchase)).code).toBe("forbidden");
    expect((await h.fail(ALICE, { ...purchase, amount: "-3" })).code).toBe("invalid-credit-amount");
    await h.ok("system:billing", purchase);
    expect(balanceOf(await credits(h, organization))).toBe("100");
    expect((await auditStore(h.store)).ok).toBe(true);
  });
});

describe("credits on a store with appendStreams", () => {
  it("the charge and the execution's end are one write: a crash cannot leave a finished run uncharged", async () => {
    const base = createMemoryEventStore();
    const writes: string[][] = [];
    let failNext = false;
    const store: EventStore = {
      ...base,
      name: base.name,
      append: async (streamName, events, options) => (writes.push([streamName]), base.append(streamName, events, options)),
      appendStreams: async (appends) => {
        if (failNext) {
          failNext = false;
          throw new Error("the process died before its write");
        }
        writes.push(appends.map((a) => a.streamName));
        return base.appendStreams!(appends);
      },
    };
    const w = await world(() => store);
    const { h, organization, projectKey, on, clock } = w;
    await h.ok(ALICE, { type: "PurchaseCredits", organization, amount: "5" });
    const requested = await h.ok(ALICE, { type: "RunSchedule", ...on, schedule: "daily-transforms" });
    const executionId = requested.events[0]!.streamName.slice("execution-".length);
    await h.ok(RUNNER, { type: "StartExecution", organization, projectKey, executionId });
    clock.advance(MINUTE);
    const finish = { type: "FinishExecution" as const, organization, projectKey, executionId, exitCode: 0 };
    failNext = true;
    expect(await h.send(RUNNER, finish, "finish-once").catch((error: unknown) => error)).toBeInstanceOf(Error);
    expect((await store.readStream(`execution-${executionId}`)).map((e) => e.type)).toEqual(["ExecutionRequested", "ExecutionStarted"]);
    writes.length = 0;
    await h.ok(RUNNER, finish, "finish-once");
    expect(writes).toEqual([[`execution-${executionId}`, creditsStream(organization)]]);
    expect(balanceOf(await credits(h, organization))).toBe("4");
  });
});

describe("credits on a store without appendStreams", () => {
  it("a crash between the end and its charge is repaired by the retry, which charges once", async () => {
    const store = createArrayEventStore();
    const w = await world(() => store);
    const { h, organization, projectKey, on, clock } = w;
    await h.ok(ALICE, { type: "PurchaseCredits", organization, amount: "5" });
    const requested = await h.ok(ALICE, { type: "RunSchedule", ...on, schedule: "daily-transforms" });
    const executionId = requested.events[0]!.streamName.slice("execution-".length);
    await h.ok(RUNNER, { type: "StartExecution", organization, projectKey, executionId });
    clock.advance(MINUTE);
    const finish = { type: "FinishExecution" as const, organization, projectKey, executionId, exitCode: 0 };
    store.injectFault(2);
    const crashed = await h.send(RUNNER, finish, "finish-once").catch((error: unknown) => error);
    expect(crashed).toBeInstanceOf(Error);
    expect(await store.readStream(creditsStream(organization))).toHaveLength(1);
    await h.ok(RUNNER, finish, "finish-once");
    await h.ok(RUNNER, finish, "finish-once");
    expect((await store.readStream(creditsStream(organization))).map((e) => e.type)).toEqual(["CreditsPurchased", "CreditsConsumed"]);
    expect(balanceOf(await credits(h, organization))).toBe("4");
  });
});

/** Appends a well-linked event behind the control plane's back: the chain holds, so only the audit's replay can object. */
async function appendLinked(store: EventStore, streamName: string, type: string, data: JsonValue, actor: string): Promise<number> {
  const [last] = await store.readStream(streamName, { direction: "backwards", limit: 1 });
  const version = (last?.version ?? 0) + 1;
  const event = {
    streamName,
    version,
    eventId: `01H1V3A5XR7MA1YWG8M94WNZ${String(version).padStart(2, "0")}`.slice(0, 26),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor, occurredAt: "2030-01-01T00:00:00.000Z", correlationId: "c", causationId: "c", commandId: `forged-${version}` },
  };
  await store.append(streamName, [{ ...event, hash: hashEvent(last?.hash ?? GENESIS_HASH, event) }], { expectedVersion: version - 1 });
  return version;
}

describe("the audit replays credits", () => {
  it("accepts purchases by an owner or system:billing and charges by the runner; reports a maintainer's purchase", async () => {
    const w = await world(() => undefined);
    const { h, organization } = w;
    await h.ok(BOB, { type: "SignUpUser", githubUserId: "1002", login: "bob" });
    await h.ok(ALICE, { type: "AddMember", organization, githubUserId: "1002", role: "maintainer" });
    await h.ok(ALICE, { type: "PurchaseCredits", organization, amount: "3" });
    await runFor(w, { schedule: "daily-transforms" }, MINUTE);
    await appendLinked(h.store, creditsStream(organization), "CreditsPurchased", { organization, credits: "1" }, "system:billing");
    expect(await auditStore(h.store)).toMatchObject({ ok: true });

    const stream = creditsStream(organization);
    const version = await appendLinked(h.store, stream, "CreditsPurchased", { organization, credits: "1000" }, BOB);
    const result = await auditStore(h.store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "unauthorized", streamName: stream, version } });
    if (!result.ok) expect(result.fault.message).toContain("'maintainer'");
  });

  it("reports a purchase filed under another organization's credits", async () => {
    const w = await world(() => undefined);
    const other = "01GV0Z1VW5TSRF8BYX1J2V3WNV";
    await appendLinked(
      w.h.store,
      creditsStream(w.organization),
      "CreditsPurchased",
      { organization: other, credits: "1" },
      "system:billing",
    );
    const result = await auditStore(w.h.store);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fault.message).toContain("does not match");
  });
});
