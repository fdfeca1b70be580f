import { describe, expect, it } from "vitest";
import {
  GENESIS_HASH,
  createCommandHandler,
  createControlPlane,
  hashEvent,
  nobleSha256Hex,
  userDecider,
  userEventSerde,
  verifyStore,
  verifyStreamChain,
  type EventStore,
  type GitResolver,
  type IdGenerator,
  type Sha256Hasher,
} from "@cloud-ledger/domain";
import { createTinyStore } from "../support/tiny-store.js";

const clock = { now: () => "2023-08-24T12:00:00.000Z" };
function counterIds(): IdGenerator {
  let n = 0;
  return {
    ulid: () => `01H0000000000000000000${String(++n).padStart(4, "0")}`,
    executionId: () => (++n).toString(16).padStart(32, "0"),
  };
}
const noGit: GitResolver = { resolve: () => Promise.reject(new Error("no git in this test")) };

/** A hasher whose digests differ from the default's, so each test can tell which one made a link. */
function countingHasher(): Sha256Hasher & { calls: number } {
  const hasher = Object.assign(
    (text: string) => {
      hasher.calls += 1;
      return nobleSha256Hex(`salt:${text}`);
    },
    { calls: 0 },
  );
  return hasher;
}

/** verifyStore pages through readAll; the tiny store ignores paging, so page it here. */
function paged(store: EventStore): Pick<EventStore, "readAll"> {
  return {
    readAll: async (options = {}) =>
      (await store.readAll())
        .filter((event) => event.globalPosition > (options.after ?? 0))
        .slice(0, options.limit ?? Number.MAX_SAFE_INTEGER),
  };
}

const signUp = (login: string, commandId: string) => ({
  streamName: "user-583231",
  decider: userDecider,
  serde: userEventSerde,
  envelope: { command: { type: "SignUpUser" as const, githubUserId: "583231", login }, commandId, actor: "github:583231" },
});

describe("the SHA-256 hasher port", () => {
  it("the default hasher is SHA-256 of the UTF-8 bytes", () => {
    expect(nobleSha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(nobleSha256Hex("\u{1F600}")).toBe("f0443a342c5ef54783a111b51ba56c938e474c32324d90c3a60c9c8e3a37e2d9");
  });

  it("the command handler links events with the hasher it is given, and verifiers need the same one", async () => {
    const store = createTinyStore();
    const sha256 = countingHasher();
    const handler = createCommandHandler({ store, clock, ids: counterIds(), sha256 });
    await handler.handle(signUp("octocat", "c-1"));
    await handler.handle(signUp("hubot", "c-2"));
    const events = await store.readStream("user-583231");
    expect(events).toHaveLength(2);
    expect(sha256.calls).toBe(2);
    expect(events[0]!.hash).toBe(hashEvent(GENESIS_HASH, events[0]!, sha256));
    expect(verifyStreamChain(events, sha256)).toBeUndefined();
    expect(verifyStreamChain(events)).toMatchObject({ kind: "hash-mismatch", version: 1 });
    expect(await verifyStore(paged(store), { sha256 })).toMatchObject({ ok: true, events: 2, streams: 1 });
    expect(await verifyStore(paged(store))).toMatchObject({ ok: false, fault: { kind: "hash-mismatch", version: 1 } });
  });

  it("without a hasher the handler keeps the default links", async () => {
    const store = createTinyStore();
    await createCommandHandler({ store, clock, ids: counterIds() }).handle(signUp("octocat", "c-1"));
    expect(await verifyStore(paged(store))).toMatchObject({ ok: true, events: 1 });
  });

  it("createControlPlane passes its hasher to the handler it creates", async () => {
    const store = createTinyStore();
    const sha256 = countingHasher();
    const plane = createControlPlane({ store, clock, ids: counterIds(), git: noGit, sha256 });
    const result = await plane.dispatch({
      command: { type: "SignUpUser", githubUserId: "583231", login: "octocat" },
      commandId: "c-1",
      actor: "github:583231",
    });
    expect(result._tag).toBe("Right");
    expect(sha256.calls).toBeGreaterThan(0);
    expect(await verifyStore(paged(store), { sha256 })).toMatchObject({ ok: true });
    expect(await verifyStore(paged(store))).toMatchObject({ ok: false, fault: { kind: "hash-mismatch" } });
  });
});
