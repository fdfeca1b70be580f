import { describe, expect, it } from "vitest";
import { createControlPlane, type ControlPlaneCommand, type EventStore } from "@cloud-ledger/domain";
import {
  createArrayEventStore,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
  scenarioBootstrap,
  type ArrayEventStore,
} from "@cloud-ledger/domain/testing";

const universe = defaultScenarioUniverse;
const acme = universe.organizations[0]!;
const project = universe.projects[0]!;
const maintainer = `github:${acme.maintainer}`;
const organization = acme.billingAccountNumber;
const projectKey = project.projectKey;

interface Calls {
  readStream: string[];
  readStreams: string[][];
  append: string[];
}

/** Counts the store calls a dispatch makes: the point of `readStreams` is one read per command. */
function counted(store: ArrayEventStore): { store: EventStore; calls: Calls } {
  const calls: Calls = { readStream: [], readStreams: [], append: [] };
  const readStreams = store.readStreams?.bind(store);
  return {
    calls,
    store: {
      ...store,
      readStream: (name, options) => (calls.readStream.push(name), store.readStream(name, options)),
      append: (name, events, options) => (calls.append.push(name), store.append(name, events, options)),
      ...(readStreams === undefined
        ? {}
        : { readStreams: (requests) => (calls.readStreams.push(requests.map((r) => r.streamName)), readStreams(requests)) }),
    },
  };
}

async function world(readStreams: boolean) {
  const base = createArrayEventStore([], { readStreams });
  const git = createScenarioGit(universe);
  const { store, calls } = counted(base);
  const plane = createControlPlane({ store, clock: createCountingClock(), ids: createCountingIds(0), git: git.git });
  let n = 0;
  const send = async (actor: string, command: ControlPlaneCommand) => {
    n += 1;
    const result = await plane.dispatch({ actor, command, commandId: `c-${n}` });
    if (result._tag === "Left") throw new Error(`${command.type} failed: ${JSON.stringify(result.left)}`);
    return result.right;
  };
  for (const step of scenarioBootstrap(universe)) await send(step.actor, step.command);
  return { base, calls, send };
}

/** Enable, run, start, finish, disable: the hot commands of a running control plane. */
async function hotCommands(send: Awaited<ReturnType<typeof world>>["send"]) {
  const on = { organization, projectKey, deployment: "prod", schedule: "daily-transforms" };
  await send(maintainer, { type: "EnableSchedule", ...on });
  const ran = await send(maintainer, { type: "RunSchedule", ...on });
  const executionId = ran.events[0]!.streamName.slice("execution-".length);
  await send("system:runner", { type: "StartExecution", organization, projectKey, executionId });
  await send("system:runner", { type: "FinishExecution", organization, projectKey, executionId, exitCode: 0 });
  await send(maintainer, { type: "DisableSchedule", ...on });
}

/** A store whose next readStreams lets `meanwhile` run after the read and before the caller sees it. */
function racingStore(base: ArrayEventStore) {
  let meanwhile: (() => Promise<void>) | undefined;
  const readStreams = base.readStreams!.bind(base);
  const store: EventStore = {
    ...base,
    readStreams: async (requests) => {
      const tails = await readStreams(requests);
      const run = meanwhile;
      meanwhile = undefined;
      await run?.();
      return tails;
    },
  };
  return { store, race: (write: () => Promise<void>) => (meanwhile = write) };
}

describe("reading a command's streams in one call", () => {
  it("a warm control plane makes one read and one append per hot command when the store offers readStreams", async () => {
    const { calls, send } = await world(true);
    calls.readStream.length = 0;
    calls.readStreams.length = 0;
    calls.append.length = 0;
    await hotCommands(send);
    expect(calls.readStream).toEqual([]);
    expect(calls.readStreams).toHaveLength(5);
    expect(calls.append).toHaveLength(5);
    // RunSchedule reads the new execution's stream in the same call, so the append knows the stream is new.
    expect(calls.readStreams[1]?.some((name) => name.startsWith("execution-"))).toBe(true);
  });

  it("writes exactly the same log either way", async () => {
    const one = await world(true);
    const other = await world(false);
    await hotCommands(one.send);
    await hotCommands(other.send);
    expect(other.calls.readStreams).toEqual([]);
    expect(one.base.events).toEqual(other.base.events);
  });

  it("a refusal or no-op decided on a tail that another writer overtook is decided again on a fresh read", async () => {
    const { base, send } = await world(true);
    const on = { organization, projectKey, deployment: "prod", schedule: "daily-transforms" };
    await send(maintainer, { type: "EnableSchedule", ...on });
    const { store, race } = racingStore(base);
    const plane = createControlPlane({
      store,
      clock: createCountingClock(),
      ids: createCountingIds(3),
      git: createScenarioGit(universe).git,
    });
    const elsewhere = createControlPlane({
      store: base,
      clock: createCountingClock(),
      ids: createCountingIds(5),
      git: createScenarioGit(universe).git,
    });
    // Warm this plane's cache: the schedule is enabled.
    expect((await plane.dispatch({ actor: maintainer, command: { type: "EnableSchedule", ...on }, commandId: "warm" }))._tag).toBe("Right");
    // Between our read of the tails and our decision, another process disables the schedule.
    race(async () => {
      const disabled = await elsewhere.dispatch({ actor: maintainer, command: { type: "DisableSchedule", ...on }, commandId: "elsewhere" });
      expect(disabled._tag).toBe("Right");
    });
    const enabled = await plane.dispatch({ actor: maintainer, command: { type: "EnableSchedule", ...on }, commandId: "again" });
    // On the stale tail, enabling looked like a no-op; on the store it is a real change, and it must be written.
    expect(enabled._tag === "Right" && enabled.right.events.map((e) => e.type)).toEqual(["ScheduleEnabled"]);
    const last = base.events.at(-1);
    expect(last?.type).toBe("ScheduleEnabled");
    expect(last?.metadata.commandId).toBe("again");
  });

  it("sees what another process wrote since its cache was filled", async () => {
    const { base, send } = await world(true);
    // A second control plane on the same store, as another process would be.
    const elsewhere = createControlPlane({
      store: base,
      clock: createCountingClock(),
      ids: createCountingIds(7),
      git: createScenarioGit(universe).git,
    });
    const on = { organization, projectKey, deployment: "prod", schedule: "daily-transforms" };
    await send(maintainer, { type: "EnableSchedule", ...on });
    const disabled = await elsewhere.dispatch({ actor: maintainer, command: { type: "DisableSchedule", ...on }, commandId: "elsewhere-1" });
    expect(disabled._tag).toBe("Right");
    // Our cache says enabled; the prefetched tail says disabled: enabling again must append, not be a no-op.
    const again = await send(maintainer, { type: "EnableSchedule", ...on });
    expect(again.events.map((e) => e.type)).toEqual(["ScheduleEnabled"]);
    // And a member removed elsewhere is refused here at once.
    const removed = await elsewhere.dispatch({
      actor: `github:${acme.owner}`,
      command: { type: "RemoveMember", organization, githubUserId: acme.maintainer },
      commandId: "elsewhere-2",
    });
    expect(removed._tag).toBe("Right");
    await expect(send(maintainer, { type: "DisableSchedule", ...on })).rejects.toThrow(/DisableSchedule failed/);
  });
});
