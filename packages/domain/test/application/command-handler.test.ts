import { beforeEach, describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  createCommandHandler,
  hashEvent,
  organizationDecider,
  organizationEventSerde,
  userDecider,
  userEventSerde,
  verifyStreamChain,
  type CommandEnvelope,
  type IdGenerator,
  type UserCommand,
} from "@cloud-ledger/domain";
import { createTinyStore, type TinyStore } from "../support/tiny-store.js";
import { ORG, ORG_ID } from "../support/fixtures.js";

const clock = { now: () => "2023-08-24T12:00:00.000Z" };
function counterIds(): IdGenerator {
  let n = 0;
  return {
    ulid: () => `01H0000000000000000000${String(++n).padStart(4, "0")}`,
    executionId: () => (++n).toString(16).padStart(32, "0"),
  };
}

const signUp = (login: string, commandId: string, extra: Partial<CommandEnvelope<UserCommand>> = {}): CommandEnvelope<UserCommand> => ({
  command: { type: "SignUpUser", githubUserId: "583231", login },
  commandId,
  actor: "github:583231",
  ...extra,
});
const request = (envelope: CommandEnvelope<UserCommand>) => ({
  streamName: "user-583231",
  decider: userDecider,
  serde: userEventSerde,
  envelope,
});

describe("command handler", () => {
  let store: TinyStore;
  let handler: ReturnType<typeof createCommandHandler>;
  beforeEach(() => {
    store = createTinyStore();
    handler = createCommandHandler({ store, clock, ids: counterIds() });
  });

  it("appends a new stream's first events at version 1, chained from the genesis hash, with the envelope's metadata", async () => {
    const result = await handler.handle(request(signUp("octocat", "c-1")));
    if (result._tag === "Left") throw new Error(JSON.stringify(result.left));
    const [event] = result.right.events;
    expect(result.right).toMatchObject({ version: 1, duplicate: false, state: { status: "active", login: "octocat" } });
    expect(event).toMatchObject({
      streamName: "user-583231",
      version: 1,
      globalPosition: 1,
      eventId: "01H00000000000000000000001",
      type: "UserSignedUp",
      schemaVersion: 1,
      metadata: { actor: "github:583231", occurredAt: clock.now(), correlationId: "c-1", causationId: "c-1", commandId: "c-1" },
    });
    expect(event!.hash).toBe(hashEvent(GENESIS_HASH, event!));
    expect(await store.readStream("user-583231")).toEqual(result.right.events);
  });

  it("continues the chain from the stream's last hash with the exact expected version", async () => {
    await handler.handle(request(signUp("octocat", "c-1")));
    const second = await handler.handle(request(signUp("hubot", "c-2", { correlationId: "corr", causationId: "cause" })));
    expect(second._tag === "Right" && second.right.events[0]).toMatchObject({
      version: 2,
      type: "UserLoginChanged",
      metadata: { correlationId: "corr", causationId: "cause", commandId: "c-2" },
    });
    expect(verifyStreamChain(await store.readStream("user-583231"))).toBeUndefined();
  });

  it("a repeated command id returns the first events, marked duplicate, and appends nothing", async () => {
    const first = await handler.handle(request(signUp("octocat", "c-1")));
    const appends = store.appendCalls;
    const again = await handler.handle(request(signUp("something-else", "c-1")));
    expect(again._tag === "Right" && again.right.duplicate).toBe(true);
    expect(again._tag === "Right" && first._tag === "Right" && again.right.events).toEqual(
      first._tag === "Right" ? first.right.events : [],
    );
    expect(store.appendCalls).toBe(appends);
    expect(await store.streamVersion("user-583231")).toBe(1);
  });

  it("a rejection appends nothing", async () => {
    const result = await handler.handle(
      request({ command: { type: "ChangeUserLogin", githubUserId: "583231", login: "x" }, commandId: "c-1", actor: "github:583231" }),
    );
    expect(result._tag === "Left" && result.left).toMatchObject({ kind: "rejected", error: { code: "user-not-found" } });
    expect(store.appendCalls).toBe(0);
  });

  it("a decision with no events appends nothing", async () => {
    await handler.handle(request(signUp("octocat", "c-1")));
    const appends = store.appendCalls;
    const same = await handler.handle(request(signUp("octocat", "c-2")));
    expect(same._tag === "Right" && same.right).toMatchObject({ events: [], duplicate: false, version: 1 });
    expect(store.appendCalls).toBe(appends);
  });

  it("on a conflict it reloads and decides again against the other writer's events", async () => {
    let interfered = false;
    store.beforeAppend = (streamName) => {
      if (interfered) return;
      interfered = true;
      // Another writer signs the user up first with the same login: re-deciding finds nothing left to do.
      store.raw(streamName, [
        {
          eventId: "01H0000000000000000000OTHER".slice(0, 26),
          type: "UserSignedUp",
          schemaVersion: 1,
          data: { githubUserId: "583231", login: "octocat" },
          metadata: { actor: "github:583231", occurredAt: clock.now(), correlationId: "x", causationId: "x", commandId: "other" },
          hash: hashEvent(GENESIS_HASH, {
            streamName,
            version: 1,
            eventId: "01H0000000000000000000OTHE",
            type: "UserSignedUp",
            schemaVersion: 1,
            data: { githubUserId: "583231", login: "octocat" },
            metadata: { actor: "github:583231", occurredAt: clock.now(), correlationId: "x", causationId: "x", commandId: "other" },
          }),
        },
      ]);
    };
    const result = await handler.handle(request(signUp("octocat", "c-1")));
    expect(result._tag === "Right" && result.right).toMatchObject({ events: [], version: 1 });
    expect(store.appendCalls).toBe(1);
  });

  it("gives up after the bounded number of attempts with a conflict failure", async () => {
    let n = 0;
    store.beforeAppend = (streamName) => {
      n += 1;
      store.raw(streamName, [
        {
          eventId: `01H00000000000000000000X${String(n).padStart(2, "0")}`,
          type: n === 1 ? "UserSignedUp" : "UserLoginChanged",
          schemaVersion: 1,
          data:
            n === 1 ? { githubUserId: "583231", login: "a0" } : { githubUserId: "583231", previousLogin: `a${n - 2}`, login: `a${n - 1}` },
          metadata: { actor: "github:583231", occurredAt: clock.now(), correlationId: "x", causationId: "x", commandId: `other-${n}` },
          hash: "f".repeat(64),
        },
      ]);
    };
    const result = await handler.handle(request(signUp("octocat", "c-1")));
    expect(result._tag === "Left" && result.left).toMatchObject({ kind: "conflict", streamName: "user-583231", attempts: 5 });
    expect(store.appendCalls).toBe(5);

    const patient = createCommandHandler({ store: createTinyStore(), clock, ids: counterIds(), maxAttempts: 2 });
    expect((await patient.handle(request(signUp("octocat", "c-9"))))._tag).toBe("Right");
  });

  it("an event that does not decode is reported as corrupt at its stream and version", async () => {
    await handler.handle(request(signUp("octocat", "c-1")));
    store.raw("user-583231", [
      {
        eventId: "01H0000000000000000000BAD1",
        type: "UserLoginChanged",
        schemaVersion: 1,
        data: { login: 42 },
        metadata: { actor: "github:1", occurredAt: clock.now(), correlationId: "b", causationId: "b", commandId: "b" },
        hash: "0".repeat(64),
      },
    ]);
    const result = await handler.handle(request(signUp("hubot", "c-2")));
    expect(result._tag === "Left" && result.left).toMatchObject({ kind: "corrupt", streamName: "user-583231", version: 2 });
    expect(result._tag === "Left" && result.left.kind === "corrupt" && result.left.message).toContain(
      "'UserLoginChanged' schema version 1: field 'githubUserId'",
    );
  });

  it("a row the store cannot read (CorruptEventError) is a corrupt failure too", async () => {
    store.corruptOnRead = { streamName: "user-583231", version: 3 };
    const result = await handler.handle(request(signUp("octocat", "c-1")));
    expect(result._tag === "Left" && result.left).toMatchObject({ kind: "corrupt", streamName: "user-583231", version: 3 });
  });

  it("reads the appended events back when other writers interleaved global positions", async () => {
    store.positionGap = 5;
    const result = await handler.handle({
      streamName: `organization-${ORG}`,
      decider: organizationDecider,
      serde: organizationEventSerde,
      envelope: {
        command: { type: "CreateOrganization", organization: ORG, name: "acme", internalId: ORG_ID, owner: "1" },
        commandId: "c-1",
        actor: "github:1",
      },
    });
    expect(result._tag === "Right" && result.right.events.map((e) => [e.version, e.globalPosition])).toEqual([
      [1, 6],
      [2, 12],
    ]);
  });
});
