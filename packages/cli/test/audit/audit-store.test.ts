import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditStore, GENESIS_HASH, hashEvent, type EventStore, type JsonValue } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { createAcmeRepository, type AcmeRepository } from "../../src/demo/acme-repository.js";
import { playAcmeStory, type StoryOutcome } from "../../src/demo/play-story.js";

// Given a valid history (the demo's story), when one more event with a VALID hash link but a wrong meaning is appended
// behind the control plane's back, then the library's audit reports exactly that event's stream and version.
const BOB_ACTOR = "github:5830002";
let folder: string;
let repository: AcmeRepository;

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "cloud-ledger-audit-test-"));
  repository = createAcmeRepository(path.join(folder, "acme"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function story(): Promise<{ store: EventStore; outcome: StoryOutcome }> {
  const store = createMemoryEventStore();
  return { store, outcome: await playAcmeStory(store, repository) };
}

/** Appends a well-linked event: the chain holds, so only the replay can tell it is wrong. */
async function appendLinked(
  store: EventStore,
  streamName: string,
  type: string,
  data: JsonValue,
  actor = BOB_ACTOR,
  occurredAt = "2023-06-02T00:00:00.000Z",
): Promise<number> {
  const [last] = await store.readStream(streamName, { direction: "backwards", limit: 1 });
  const version = (last?.version ?? 0) + 1;
  const event = {
    streamName,
    version,
    eventId: `01H1V3A5XR7MA1YWG8M94WNZ${String(version).padStart(2, "0")}`.slice(0, 26),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor, occurredAt, correlationId: "c", causationId: "c", commandId: `forged-${version}` },
  };
  await store.append(streamName, [{ ...event, hash: hashEvent(last?.hash ?? GENESIS_HASH, event) }], { expectedVersion: version - 1 });
  return version;
}

describe("auditStore", () => {
  it("passes the demo's story", async () => {
    const { store } = await story();
    const result = await auditStore(store);
    expect(result).toMatchObject({ ok: true, head: { events: await store.headPosition(), position: await store.headPosition() } });
  });

  it("reports a schedule enabled on a deployment that does not have it", async () => {
    const { store, outcome } = await story();
    const stream = `deployment-${outcome.projectKey}.staging`;
    const ref = { organization: outcome.organization, projectKey: outcome.projectKey, deployment: "staging" };
    const version = await appendLinked(store, stream, "ScheduleEnabled", { ...ref, schedule: "no-such-schedule" });
    const result = await auditStore(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "invariant", streamName: stream, version } });
    if (!result.ok) expect(result.fault.message).toBe("schedule 'no-such-schedule' toggled but not deployed there");
  });

  it("reports an event filed under another entity's stream", async () => {
    const { store, outcome } = await story();
    const stream = `deployment-${outcome.projectKey}.staging`;
    const version = await appendLinked(store, stream, "ScheduleEnabled", {
      organization: outcome.organization,
      projectKey: outcome.projectKey,
      deployment: "prod",
      schedule: "hourly-github-sync",
    });
    const result = await auditStore(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "wrong-stream", streamName: stream, version } });
  });

  it("reports an execution requested on a deployment that never existed", async () => {
    const { store, outcome } = await story();
    const stream = `execution-${"f".repeat(32)}`;
    await appendLinked(store, stream, "ExecutionRequested", {
      organization: outcome.organization,
      projectKey: outcome.projectKey,
      executionId: "f".repeat(32),
      deployment: "dev",
      schedule: "daily-transforms",
      environment: "dev",
      commit: repository.commit,
      trigger: "adhoc",
    });
    const result = await auditStore(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "invariant", streamName: stream, version: 1 } });
    if (!result.ok) expect(result.fault.message).toBe("execution requested on deployment 'dev', which is not deployed");
  });

  it("reports a foreign event type, an unknown stream and an actor that is nobody", async () => {
    const cases: readonly [string, string, JsonValue, string, string][] = [
      [`organization-${"0".repeat(26)}`, "UserSignedUp", { githubUserId: "1", login: "x" }, "github:1", "undecodable"],
      ["ledger-notes", "NoteAdded", { text: "hi" }, "github:1", "unknown-stream"],
      ["user-77", "UserSignedUp", { githubUserId: "77", login: "mallory" }, "root", "bad-actor"],
    ];
    for (const [stream, type, data, actor, kind] of cases) {
      const { store } = await story();
      await appendLinked(store, stream, type, data, actor);
      const result = await auditStore(store);
      expect(result).toMatchObject({ ok: false, fault: { kind, streamName: stream, version: 1 } });
    }
  });
});

describe("auditStore replays authorization and time", () => {
  const execution = (outcome: StoryOutcome, executionId: string, deployment = "prod") => ({
    organization: outcome.organization,
    projectKey: outcome.projectKey,
    executionId,
    deployment,
    schedule: "daily-transforms",
    environment: deployment,
    commit: repository.commit,
    trigger: "adhoc",
  });

  it("reports an execution requested by someone who is not a member", async () => {
    const { store, outcome } = await story();
    const stream = `execution-${"e".repeat(32)}`;
    await appendLinked(store, stream, "ExecutionRequested", execution(outcome, "e".repeat(32)), "github:666");
    const result = await auditStore(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "unauthorized", streamName: stream, version: 1 } });
    if (!result.ok) expect(result.fault.message).toContain("'github:666' is not a member");
  });

  it("reports an execution that predates the deployment it runs on", async () => {
    const { store, outcome } = await story();
    const stream = `execution-${"d".repeat(32)}`;
    // The story starts at 09:00 and deploys prod a minute or so later: 09:00:30 is before prod existed.
    await appendLinked(store, stream, "ExecutionRequested", execution(outcome, "d".repeat(32)), BOB_ACTOR, "2023-06-01T09:00:30.000Z");
    const result = await auditStore(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "invariant", streamName: stream, version: 1 } });
    if (!result.ok) expect(result.fault.message).toContain("before its deployment was deployed");
  });

  it("reports an event whose time runs backwards within its stream", async () => {
    const { store, outcome } = await story();
    const stream = `deployment-${outcome.projectKey}.prod`;
    const ref = { organization: outcome.organization, projectKey: outcome.projectKey, deployment: "prod" };
    const version = await appendLinked(
      store,
      stream,
      "ScheduleDisabled",
      { ...ref, schedule: "daily-transforms" },
      BOB_ACTOR,
      "2023-06-01T09:00:00.000Z",
    );
    const result = await auditStore(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "time-backwards", streamName: stream, version } });
  });

  it("reports a member acting above their role, and an outsider making themselves an owner", async () => {
    const cases: readonly [(outcome: StoryOutcome) => [string, string, JsonValue, string], string][] = [
      // bob is a maintainer: adding members is an owner's.
      [
        (o) => [
          `organization-${o.organization}`,
          "MemberAdded",
          { organization: o.organization, githubUserId: "5830009", role: "owner" },
          BOB_ACTOR,
        ],
        "needs role 'owner'",
      ],
      // Nobody joins an existing organization as its "first owner".
      [
        (o) => [
          `organization-${o.organization}`,
          "MemberAdded",
          { organization: o.organization, githubUserId: "666", role: "owner" },
          "github:666",
        ],
        "is not a member",
      ],
    ];
    for (const [forge, expected] of cases) {
      const { store, outcome } = await story();
      const [stream, type, data, actor] = forge(outcome);
      const version = await appendLinked(store, stream, type, data, actor);
      const result = await auditStore(store);
      expect(result).toMatchObject({ ok: false, fault: { kind: "unauthorized", streamName: stream, version } });
      if (!result.ok) expect(result.fault.message.toLowerCase()).toContain(expected);
    }
  });

  it("reports a runner report by a platform actor other than the runner", async () => {
    const { store, outcome } = await story();
    const stream = `execution-${outcome.executionId}`;
    const ref = { organization: outcome.organization, projectKey: outcome.projectKey, executionId: outcome.executionId };
    const version = await appendLinked(store, stream, "ExecutionFinished", { ...ref, exitCode: 1 }, "system:scheduler");
    const result = await auditStore(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "unauthorized", streamName: stream, version } });
  });

  it("reports a runner report by a reader", async () => {
    const { store, outcome } = await story();
    const org = `organization-${outcome.organization}`;
    await appendLinked(
      store,
      org,
      "MemberAdded",
      { organization: outcome.organization, githubUserId: "5830003", role: "reader" },
      "github:5830001",
    );
    const request = await appendLinked(store, `execution-${"c".repeat(32)}`, "ExecutionRequested", execution(outcome, "c".repeat(32)));
    expect(request).toBe(1);
    expect(await auditStore(store)).toMatchObject({ ok: true });
    const ref = { organization: outcome.organization, projectKey: outcome.projectKey, executionId: "c".repeat(32) };
    const version = await appendLinked(store, `execution-${"c".repeat(32)}`, "ExecutionStarted", ref, "github:5830003");
    const result = await auditStore(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "unauthorized", streamName: `execution-${"c".repeat(32)}`, version } });
    if (!result.ok) expect(result.fault.message).toContain("'reader'");
  });
});
