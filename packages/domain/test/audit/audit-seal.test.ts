import { beforeAll, describe, expect, it } from "vitest";
import {
  auditStore,
  createControlPlane,
  GENESIS_HASH,
  hashEvent,
  parseSealFile,
  sealStatementOf,
  type EventStore,
  type RecordedEvent,
  type SealStatement,
} from "@cloud-ledger/domain";
import {
  createCountingClock,
  createCountingIds,
  createScenarioGit,
  defaultScenarioUniverse,
  scenarioBootstrap,
} from "@cloud-ledger/domain/testing";
import { createTinyStore } from "../support/tiny-store.js";

// The library's side of anchored heads, for an embedder: auditStore's head is what a seal states, and a seal catches
// the tampering hash chains cannot see. (The CLI's signed seals on SQLite are tested in tests/cli-audit-seal.test.ts.)
let log: readonly RecordedEvent[];

beforeAll(async () => {
  const store = createTinyStore();
  const plane = createControlPlane({
    store,
    clock: createCountingClock(),
    ids: createCountingIds(0),
    git: createScenarioGit(defaultScenarioUniverse).git,
  });
  let n = 0;
  for (const { actor, command } of scenarioBootstrap(defaultScenarioUniverse)) {
    n += 1;
    const result = await plane.dispatch({ actor, command, commandId: `boot-${n}` });
    if (result._tag === "Left") throw new Error(`bootstrap step ${n} failed: ${JSON.stringify(result.left)}`);
  }
  log = await store.readAll();
});

/** A read-only store over a list of events, as storage holds them (tampered or not). */
function storeOf(events: readonly RecordedEvent[]): Pick<EventStore, "readAll"> {
  return {
    readAll: ({ after = 0, limit = Number.MAX_SAFE_INTEGER } = {}) =>
      Promise.resolve(events.filter((e) => e.globalPosition > after).slice(0, limit)),
  };
}

async function sealOf(events: readonly RecordedEvent[]): Promise<SealStatement> {
  const result = await auditStore(storeOf(events));
  if (!result.ok) throw new Error(JSON.stringify(result.fault));
  return sealStatementOf(result.head, "2023-07-01T00:00:00.000Z");
}

describe("auditStore against a seal", () => {
  it("passes the sealed ledger, and the ledger grown after the seal", async () => {
    const seal = await sealOf(log.slice(0, log.length - 5));
    expect(await auditStore(storeOf(log), { seal, pageSize: 7 })).toMatchObject({ ok: true, head: { events: log.length } });
    expect(await auditStore(storeOf(log.slice(0, log.length - 5)), { seal })).toMatchObject({ ok: true });
  });

  it("catches the newest event deleted, a whole stream deleted and a tail re-hashed, which the chains alone cannot", async () => {
    const seal = await sealOf(log);
    const user = log.find((e) => e.streamName.startsWith("user-"))!;
    const userStream = log.filter((e) => e.streamName === user.streamName);
    expect(userStream).toHaveLength(1);
    const rehashed = (() => {
      const data = { ...(user.data as Record<string, string>), login: "someone-else" };
      return { ...user, data, hash: hashEvent(GENESIS_HASH, { ...user, data }) };
    })();
    const tampered: readonly (readonly RecordedEvent[])[] = [
      log.slice(0, -1),
      log.filter((e) => e.streamName !== user.streamName),
      log.map((e) => (e === user ? rehashed : e)),
    ];
    for (const events of tampered) {
      expect(await auditStore(storeOf(events))).toMatchObject({ ok: true });
      const result = await auditStore(storeOf(events), { seal });
      expect(result).toMatchObject({ ok: false, fault: { kind: "seal-mismatch", position: seal.position } });
    }
  });

  it("reads seal files strictly", () => {
    const statement = {
      format: "cloud-ledger-seal/1",
      position: 3,
      events: 3,
      streams: 2,
      tipsDigest: "a".repeat(64),
      sealedAt: "2023-07-01T00:00:00.000Z",
    };
    expect(parseSealFile(JSON.stringify({ statement, signature: "AAAA" }))).toMatchObject({ _tag: "Right", right: { statement } });
    const bad: readonly [unknown, string][] = [
      [{ statement: { ...statement, position: -1 }, signature: "AAAA" }, "position"],
      [{ statement: { ...statement, tipsDigest: "xyz" }, signature: "AAAA" }, "tipsDigest"],
      [{ statement: { ...statement, format: "v2" }, signature: "AAAA" }, "format"],
      [{ statement, signature: "not base64!" }, "base64"],
    ];
    for (const [file, field] of bad) {
      const parsed = parseSealFile(JSON.stringify(file));
      expect(parsed._tag === "Left" && parsed.left).toContain(field);
    }
    expect(parseSealFile("{")._tag).toBe("Left");
  });
});
