import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GENESIS_HASH, hashEvent, type EventStore, type JsonValue } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { replayAudit } from "../../src/audit/replay-audit.js";
import { createAcmeRepository, type AcmeRepository } from "../../src/demo/acme-repository.js";
import { playAcmeStory, type StoryOutcome } from "../../src/demo/play-story.js";

// Given a valid history (the demo's story), when one more event with a VALID hash link but a wrong meaning is appended,
// then the replay audit reports exactly that event's stream and version.
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
async function appendLinked(store: EventStore, streamName: string, type: string, data: JsonValue, actor = "github:5830002"): Promise<number> {
  const [last] = await store.readStream(streamName, { direction: "backwards", limit: 1 });
  const version = (last?.version ?? 0) + 1;
  const event = {
    streamName,
    version,
    eventId: `01H1V3A5XR7MA1YWG8M94WNZ${String(version).padStart(2, "0")}`.slice(0, 26),
    type,
    schemaVersion: 1,
    data,
    metadata: { actor, occurredAt: "2023-06-02T00:00:00.000Z", correlationId: "c", causationId: "c", commandId: `forged-${version}` },
  };
  await store.append(streamName, [{ ...event, hash: hashEvent(last?.hash ?? GENESIS_HASH, event) }], { expectedVersion: version - 1 });
  return version;
}

describe("replayAudit", () => {
  it("passes the demo's story", async () => {
    const { store } = await story();
    const result = await replayAudit(store);
    expect(result).toMatchObject({ ok: true, events: await store.headPosition() });
  });

  it("reports a schedule enabled on a deployment that does not have it", async () => {
    const { store, outcome } = await story();
    const stream = `deployment-${outcome.projectKey}.staging`;
    const ref = { organization: outcome.organization, projectKey: outcome.projectKey, deployment: "staging" };
    const version = await appendLinked(store, stream, "ScheduleEnabled", { ...ref, schedule: "no-such-schedule" });
    const result = await replayAudit(store);
    expect(result).toMatchObject({ ok: false, fault: { kind: "invariant", streamName: stream, version } });
    if (!result.ok) expect(result.fault.message).toBe("schedule 'no-such-schedule' enabled but not deployed there");
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
    const result = await replayAudit(store);
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
    const result = await replayAudit(store);
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
      const result = await replayAudit(store);
      expect(result).toMatchObject({ ok: false, fault: { kind, streamName: stream, version: 1 } });
    }
  });
});
