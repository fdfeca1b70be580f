import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import {
  GENESIS_HASH,
  controlPlaneCommandCodec,
  createControlPlane,
  decodeControlPlaneCommand,
  domainEventSerde,
  hashEvent,
  jsonProblem,
  organizationStream,
  type ControlPlane,
  type EventStore,
  type JsonValue,
  type RecordedEvent,
} from "@cloud-ledger/domain";
import {
  bootstrapScenario,
  controlPlaneCommandArbitrary,
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
  invalidCommandInputArbitrary,
  scenarioStepArbitrary,
  type ScenarioStep,
} from "@cloud-ledger/domain/testing";

/*
 * Issue 8, hostile input: arbitrary JSON and mutated valid commands, fed to the command codec and to the control
 * plane's dispatch, get a typed, located error; nothing is written; nothing throws. Stored events that no longer
 * decode are reported at their stream and version, and the command that met them writes nothing.
 */

const universe = defaultScenarioUniverse;
const acme = universe.organizations[0]!;

let store: EventStore;
let plane: ControlPlane;
let commandIds = 0;

beforeAll(async () => {
  store = createMemoryEventStore();
  plane = createControlPlane({ store, clock: createCountingClock(), ids: createCountingIds(3), git: createScenarioGit(universe).git });
  await bootstrapScenario(plane, universe);
});

/** Text that breaks storage rules or parsers: NUL, lone surrogates, huge, control characters, lookalikes. */
const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\ud800",
    "x\udfffy",
    "",
    " ",
    "\n",
    "github:",
    "system:",
    "github:0",
    "github:01",
    "system:Root",
    "🙂",
    "x".repeat(5000),
  ),
);

function expectTypedRejection(result: Awaited<ReturnType<ControlPlane["dispatch"]>>): void {
  expect(result._tag).toBe("Left");
  if (result._tag !== "Left") return;
  expect(result.left.kind).toBe("rejected");
  if (result.left.kind !== "rejected") return;
  expect(result.left.error.code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  expect(result.left.error.message.length).toBeGreaterThan(0);
}

describe("hostile input to the command codec", () => {
  it("arbitrary JSON never decodes into a command and never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (input) => {
        const decoded = decodeControlPlaneCommand(input);
        expect(decoded._tag).toBe("Left");
        if (decoded._tag === "Left") {
          expect(decoded.left.code).toBe("invalid-command");
          expect(decoded.left.field.length).toBeGreaterThan(0);
        }
        expect(controlPlaneCommandCodec.decode(input)._tag).toBe("Left");
      }),
      { numRuns: 1000 },
    );
  });

  it("JSON that is a command with one thing wrong is refused naming that field", () => {
    fc.assert(
      fc.property(invalidCommandInputArbitrary, ({ input, field }) => {
        const decoded = decodeControlPlaneCommand(JSON.parse(JSON.stringify(input)) as unknown);
        expect(decoded).toMatchObject({ _tag: "Left", left: { code: "invalid-command", field } });
      }),
      { numRuns: 1000 },
    );
  });
});

/** A valid scenario command with one field replaced by a value of the wrong JSON type. */
const mutatedScenarioCommand = scenarioStepArbitrary(universe)
  .filter((s): s is Extract<ScenarioStep, { kind: "dispatch" }> => s.kind === "dispatch")
  .chain((step) => {
    const fields = Object.keys(step.command).filter((k) => k !== "type");
    return fc
      .tuple(fc.constantFrom(...fields), fc.constantFrom<unknown>(null, 7, [], {}, ["x"], { $ne: null }))
      .map(([field, bad]) => ({ actor: step.actor, field, command: { ...step.command, [field]: bad } }));
  });

describe("hostile input to dispatch", () => {
  it("arbitrary JSON as the command: a typed invalid-command rejection, the store untouched", async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (command) => {
        const head = await store.headPosition();
        const result = await plane.dispatch({
          actor: `github:${acme.owner}`,
          command: command as never,
          commandId: `hostile-${++commandIds}`,
        });
        expectTypedRejection(result);
        expect(result).toMatchObject({ left: { error: { code: "invalid-command" } } });
        expect(await store.headPosition()).toBe(head);
      }),
      { numRuns: 500 },
    );
  });

  it("mutated valid commands from authorized actors: refused naming the mutated field, the store untouched", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedScenarioCommand, async ({ actor, field, command }) => {
        const head = await store.headPosition();
        const result = await plane.dispatch({ actor, command: command, commandId: `hostile-${++commandIds}` });
        expectTypedRejection(result);
        expect(result).toMatchObject({ left: { error: { code: "invalid-command", field } } });
        expect(await store.headPosition()).toBe(head);
      }),
      { numRuns: 500 },
    );
  });

  it("text the stores cannot hold (NUL, lone surrogates) in any string field: a typed rejection naming it, nothing written", async () => {
    const poisoned = fc
      .tuple(
        scenarioStepArbitrary(universe).filter((s): s is Extract<ScenarioStep, { kind: "dispatch" }> => s.kind === "dispatch"),
        fc.constantFrom("\u0000", "\ud800", "\udc00x"),
      )
      .chain(([step, poison]) => {
        const fields = Object.entries(step.command)
          .filter(([k, v]) => k !== "type" && typeof v === "string")
          .map(([k]) => k);
        return fc.constantFrom(...fields).map((field) => {
          const record = step.command as unknown as Record<string, string>;
          return { actor: step.actor, field, command: { ...step.command, [field]: `${record[field] ?? ""}${poison}` } };
        });
      });
    await fc.assert(
      fc.asyncProperty(poisoned, async ({ actor, field, command }) => {
        const head = await store.headPosition();
        const result = await plane.dispatch({ actor, command, commandId: `hostile-${++commandIds}` });
        expect(result).toMatchObject({ _tag: "Left", left: { kind: "rejected", error: { code: "invalid-command", field } } });
        expect(await store.headPosition()).toBe(head);
      }),
      { numRuns: 300 },
    );
  });

  it("hostile actors, command ids and correlation ids: never a throw, and a rejection writes nothing", async () => {
    const envelope = fc.record(
      {
        actor: fc.oneof(hostileText, fc.constant(`github:${acme.owner}`)),
        commandId: fc.oneof(hostileText, fc.constant("ok-id")),
        correlationId: hostileText,
        causationId: hostileText,
        command: fc.oneof(
          controlPlaneCommandArbitrary,
          scenarioStepArbitrary(universe)
            .filter((s) => s.kind === "dispatch")
            .map((s) => s.command),
        ),
      },
      { requiredKeys: ["actor", "commandId", "command"] },
    );
    await fc.assert(
      fc.asyncProperty(envelope, async (e) => {
        const head = await store.headPosition();
        let result: Awaited<ReturnType<ControlPlane["dispatch"]>> | undefined;
        let thrown: unknown;
        try {
          result = await plane.dispatch(e);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `dispatch threw for ${JSON.stringify(e)}`).toBeUndefined();
        if (result?._tag === "Left") {
          expectTypedRejection(result);
          expect(await store.headPosition()).toBe(head);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("hostile stored events", () => {
  it("an event that no longer decodes is reported at its stream and version, and nothing is written", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          type: fc.oneof(fc.constant("MemberAdded"), fc.constant("OrganizationCreated"), fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,20}$/)),
          schemaVersion: fc.integer({ min: 1, max: 3 }),
          // Anything the store itself accepts (no NUL or lone surrogate): the store is honest, the content is not.
          data: fc
            .jsonValue()
            .filter((v) => jsonProblem(v, "data") === undefined)
            .map((v) => v as JsonValue),
        }),
        async (garbage) => {
          const decodable = domainEventSerde.decode({ ...garbage, data: garbage.data } as unknown as RecordedEvent);
          fc.pre(decodable._tag === "Left");
          const local = createMemoryEventStore();
          const localPlane = createControlPlane({
            store: local,
            clock: createCountingClock(),
            ids: createCountingIds(4),
            git: createScenarioGit(universe).git,
          });
          await bootstrapScenario(localPlane, universe);
          const streamName = organizationStream(acme.billingAccountNumber);
          const version = await local.streamVersion(streamName);
          const previous = (await local.readStream(streamName, { fromVersion: version }))[0]?.hash ?? GENESIS_HASH;
          const metadata = {
            actor: "system:intruder",
            occurredAt: "2023-01-01T00:00:00.000Z",
            correlationId: "x",
            causationId: "x",
            commandId: "x",
          };
          const planted = { eventId: "01HQ00000000000000000PLANT", ...garbage, metadata };
          await local.append(streamName, [{ ...planted, hash: hashEvent(previous, { streamName, version: version + 1, ...planted }) }], {
            expectedVersion: version,
          });
          const head = await local.headPosition();
          const result = await localPlane.dispatch({
            actor: `github:${acme.owner}`,
            command: { type: "AddMember", organization: acme.billingAccountNumber, githubUserId: universe.outsider, role: "reader" },
            commandId: "after-corruption",
          });
          expect(result).toMatchObject({ _tag: "Left", left: { kind: "corrupt", streamName, version: version + 1 } });
          expect(await local.headPosition()).toBe(head);
        },
      ),
      { numRuns: 60 },
    );
  });
});
