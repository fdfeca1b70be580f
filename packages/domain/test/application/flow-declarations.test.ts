import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  controlPlaneCommandTypes,
  createControlPlane,
  type ControlPlane,
  type ControlPlaneCommand,
  type EventStore,
} from "@cloud-ledger/domain";
import { right } from "fp-ts/lib/Either.js";
import { declaredStreams, FLOWS, isDeclared, runFlow, type UndeclaredFlow } from "@cloud-ledger/domain/internal";
import {
  actorArbitrary,
  bootstrapScenario,
  controlPlaneCommandArbitrary,
  createArrayEventStore,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
  runScenario,
  scenarioStepArbitrary,
  type ArrayEventStore,
} from "@cloud-ledger/domain/testing";

/*
 * Flows declare the streams they read, and the dispatch reads those together (one `readStreams` call). A stream a
 * flow reads without having declared it (up front, or read ahead once state names it) is read on its own: these
 * tests record the store calls of every dispatch and name any such stream, so a new flow cannot forget its
 * declaration unnoticed.
 */
const universe = defaultScenarioUniverse;
const people = universe.organizations.flatMap((o) => [o.owner, o.maintainer, o.reader].map((id) => `github:${id}`));

/** Any codec-valid command, often aimed at the universe's organizations and projects so that it gets past the checks. */
const anyCommand = fc
  .tuple(
    controlPlaneCommandArbitrary,
    fc.option(fc.constantFrom(...universe.projects), { nil: undefined }),
    fc.option(fc.constantFrom(...universe.organizations.flatMap((o) => [o.owner, o.maintainer, o.reader])), { nil: undefined }),
  )
  .map(([command, project, person]): ControlPlaneCommand => {
    const aimed: Record<string, unknown> = { ...command };
    if (project !== undefined && "organization" in command) aimed.organization = project.organization;
    if (project !== undefined && "projectKey" in command) aimed.projectKey = project.projectKey;
    if (person !== undefined && "githubUserId" in command) aimed.githubUserId = person;
    return aimed as ControlPlaneCommand;
  });

interface Recorded {
  /** Streams named in `readStreams` calls: what the dispatch declared. */
  readonly declared: Set<string>;
  /** Streams read one by one (`readStream`). */
  readonly single: Set<string>;
}

/** The store, recording its reads; `take` returns and clears what one dispatch read. */
function recording(base: ArrayEventStore): { store: EventStore; take: () => Recorded } {
  let now: Recorded = { declared: new Set(), single: new Set() };
  const readStreams = base.readStreams!.bind(base);
  const store: EventStore = {
    ...base,
    readStream: (name, options) => (now.single.add(name), base.readStream(name, options)),
    readStreams: (requests) => (requests.forEach((r) => now.declared.add(r.streamName)), readStreams(requests)),
  };
  return {
    store,
    take: () => {
      const taken = now;
      now = { declared: new Set(), single: new Set() };
      return taken;
    },
  };
}

/** A control plane that checks, after every dispatch, that each stream read on its own had been declared. */
function checked(base: ArrayEventStore, git: ReturnType<typeof createScenarioGit>, seed: number): ControlPlane {
  const { store, take } = recording(base);
  const plane = createControlPlane({ store, clock: createCountingClock(), ids: createCountingIds(seed), git: git.git });
  return {
    async dispatch(envelope) {
      take();
      const result = await plane.dispatch(envelope);
      const { declared, single } = take();
      const undeclared = [...single].filter((name) => !declared.has(name));
      expect(undeclared, `${envelope.command.type} read streams it did not declare`).toEqual([]);
      return result;
    },
  };
}

let bootstrapped: ArrayEventStore;
beforeAll(async () => {
  const store = createArrayEventStore([], { readStreams: true });
  await bootstrapScenario(
    createControlPlane({ store, clock: createCountingClock(), ids: createCountingIds(0), git: createScenarioGit(universe).git }),
  );
  bootstrapped = store;
});

describe("flows declare the streams they read", () => {
  it("every command type's flow declares its streams", () => {
    const undeclared = controlPlaneCommandTypes.filter((type) => !isDeclared<never>(FLOWS[type]));
    expect(undeclared, "flows given as bare functions: give them `streams` (see application/flow.ts)").toEqual([]);
  });

  it("a flow given as a bare function (one merged before it declared its streams) still runs, with nothing read ahead", async () => {
    const command: ControlPlaneCommand = { type: "SignUpUser", githubUserId: "1", login: "one" };
    const calls: ControlPlaneCommand[] = [];
    const bare: UndeclaredFlow<ControlPlaneCommand> = (_run, seen) => {
      calls.push(seen);
      return Promise.resolve(right({ events: [], duplicate: false, streams: [], rejections: [] }));
    };
    const run = {} as Parameters<typeof bare>[0];
    expect(isDeclared(bare)).toBe(false);
    expect(declaredStreams(bare, command, run)).toEqual([]);
    expect((await runFlow(bare, run, command))._tag).toBe("Right");
    expect(calls).toEqual([command]);
  });

  it("a dispatch reads on its own no stream its flow did not declare, over scenario steps", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(scenarioStepArbitrary(universe), { minLength: 1, maxLength: 12 }), async (steps) => {
        const store = bootstrapped.clone({ readStreams: true });
        const git = createScenarioGit(universe);
        await runScenario(checked(store, git, 1000), store, git, steps);
      }),
      { numRuns: 40 },
    );
  });

  it("and over any codec-valid command of every type, from members and strangers", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(anyCommand, fc.oneof(fc.constantFrom(...people), actorArbitrary)), { minLength: 1, maxLength: 8 }),
        async (commands) => {
          const store = bootstrapped.clone({ readStreams: true });
          const plane = checked(store, createScenarioGit(universe), 2000);
          let n = 0;
          for (const [command, actor] of commands) await plane.dispatch({ actor, command, commandId: `any-${(n += 1)}` });
        },
      ),
      { numRuns: 60 },
    );
  });
});
