import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  creditsDecider,
  creditsEventSerde,
  deploymentDecider,
  deploymentEventSerde,
  executionDecider,
  executionEventSerde,
  organizationDecider,
  organizationEventSerde,
  organizationNameDecider,
  organizationNameEventSerde,
  projectDecider,
  projectEventSerde,
  userDecider,
  userEventSerde,
  type Decider,
  type EventSerde,
  type RecordedEvent,
} from "@cloud-ledger/domain";
import {
  creditsHistoryArbitrary,
  deploymentHistoryArbitrary,
  eventArbitraries,
  executionHistoryArbitrary,
  foldEvents,
  organizationHistoryArbitrary,
  organizationNameHistoryArbitrary,
  projectHistoryArbitrary,
  userHistoryArbitrary,
  type DeciderRun,
} from "@cloud-ledger/domain/testing";

/** Stores an event the way the command handler does (encode, JSON), then reads it back through the aggregate's serde. */
function throughStorage<E>(serde: EventSerde<E>, event: E, version: number): E {
  const encoded = serde.encode(event);
  const stored: RecordedEvent = {
    ...encoded,
    data: JSON.parse(JSON.stringify(encoded.data)) as RecordedEvent["data"],
    eventId: `01HQ${String(version).padStart(22, "0")}`,
    streamName: "s",
    version,
    globalPosition: version,
    hash: "0".repeat(64),
    metadata: { actor: "system:test", occurredAt: "2023-01-01T00:00:00.000Z", correlationId: "c", causationId: "c", commandId: "c" },
  };
  const decoded = serde.decode(stored);
  if (decoded._tag === "Left") throw new Error(`a decider-produced event does not decode: ${decoded.left}`);
  return decoded.right;
}

interface Aggregate {
  readonly name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly decider: Decider<any, any, any, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly serde: EventSerde<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly histories: fc.Arbitrary<DeciderRun<any, any, any, any>>;
  readonly eventTypes: readonly (keyof typeof eventArbitraries)[];
}

const aggregates: readonly Aggregate[] = [
  {
    name: "user",
    decider: userDecider,
    serde: userEventSerde,
    histories: userHistoryArbitrary,
    eventTypes: ["UserSignedUp", "UserLoginChanged"],
  },
  {
    name: "organization-name",
    decider: organizationNameDecider,
    serde: organizationNameEventSerde,
    histories: organizationNameHistoryArbitrary,
    eventTypes: ["OrganizationNameClaimed"],
  },
  {
    name: "organization",
    decider: organizationDecider,
    serde: organizationEventSerde,
    histories: organizationHistoryArbitrary,
    eventTypes: [
      "OrganizationCreated",
      "OrganizationIdRegenerated",
      "MemberAdded",
      "MemberRoleChanged",
      "MemberRemoved",
      "GitHubAppInstalled",
      "RepositoryGranted",
      "RepositoryRevoked",
      "GitHubAppUninstalled",
      "ProjectRegistered",
    ],
  },
  {
    name: "project",
    decider: projectDecider,
    serde: projectEventSerde,
    histories: projectHistoryArbitrary,
    eventTypes: [
      "ProjectCreated",
      "ProjectIdRegenerated",
      "ProjectDeploymentAdded",
      "ProjectDeploymentRemoved",
      "SecretSet",
      "SecretDeleted",
    ],
  },
  {
    name: "deployment",
    decider: deploymentDecider,
    serde: deploymentEventSerde,
    histories: deploymentHistoryArbitrary,
    eventTypes: ["DeploymentCreated", "DeploymentRedeployed", "DeploymentDeleted", "ScheduleEnabled", "ScheduleDisabled"],
  },
  {
    name: "execution",
    decider: executionDecider,
    serde: executionEventSerde,
    histories: executionHistoryArbitrary,
    eventTypes: ["ExecutionRequested", "ExecutionStarted", "ExecutionFinished", "ExecutionStopped", "ExecutionStopRequested"],
  },
  {
    name: "credits",
    decider: creditsDecider,
    serde: creditsEventSerde,
    histories: creditsHistoryArbitrary,
    eventTypes: ["CreditsPurchased", "CreditsConsumed"],
  },
];

describe.each(aggregates)("$name decider", ({ decider, serde, histories, eventTypes }) => {
  it("evolve is total over every history it produces, and replaying the stored events rebuilds the same state", () => {
    fc.assert(
      fc.property(histories, (run) => {
        // The state the run reached step by step equals a fresh fold of all its events...
        expect(foldEvents(decider, run.events)).toEqual(run.state);
        // ...and a fold of the same events after a trip through storage (encode, JSON, decode with upcasting).
        const stored = run.events.map((event: unknown, index): unknown => throughStorage(serde as EventSerde<unknown>, event, index + 1));
        expect(stored).toEqual(run.events);
        expect(foldEvents(decider, stored)).toEqual(run.state);
      }),
      { numRuns: 300 },
    );
  });

  it("a rejected command emits nothing, an accepted one is decided deterministically", () => {
    fc.assert(
      fc.property(histories, (run) => {
        let state = decider.initialState() as unknown;
        run.commands.forEach((command, index) => {
          const again = decider.decide(command, state);
          expect(again).toEqual(run.outcomes[index]);
          if (again._tag === "Right") for (const event of again.right) state = decider.evolve(state, event);
        });
        expect(state).toEqual(run.state);
      }),
      { numRuns: 200 },
    );
  });

  it("produces every event type of the aggregate in some history", () => {
    const produced = new Set(
      fc.sample(histories, { numRuns: 1000, seed: 42 }).flatMap((run) => run.events.map((e: { type: string }) => e.type)),
    );
    expect([...produced].sort()).toEqual([...eventTypes].sort());
  });

  it("evolve does not throw even on valid events in an order no decider produces", () => {
    const anyEvent = fc.oneof(...eventTypes.map((type) => eventArbitraries[type] as fc.Arbitrary<unknown>));
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 15 }), (events) => {
        expect(() => {
          foldEvents(decider, events);
        }).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });
});
