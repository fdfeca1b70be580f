import { describe, expect, it } from "vitest";
import { createStreamCache } from "@cloud-ledger/domain/internal";
import {
  createCommandHandler,
  createStoreReader,
  type EventStore,
  userDecider,
  userEventSerde,
  verifyStreamChain,
  type CommandEnvelope,
  type UserCommand,
} from "@cloud-ledger/domain";
import { createTinyStore } from "../support/tiny-store.js";

const clock = { now: () => "2023-08-24T12:00:00.000Z" };
let n = 0;
const ids = { ulid: () => `01H0000000000000000000${String(++n).padStart(4, "0")}`, executionId: () => "0".repeat(32) };
const rename = (login: string, commandId: string): CommandEnvelope<UserCommand> => ({
  command: { type: "SignUpUser", githubUserId: "583231", login },
  commandId,
  actor: "github:583231",
});
const request = (envelope: CommandEnvelope<UserCommand>) => ({
  streamName: "user-583231",
  decider: userDecider,
  serde: userEventSerde,
  envelope,
});

describe("stream cache", () => {
  it("after the first load, a command reads only the events appended since", async () => {
    const store = createTinyStore();
    const reads: (number | undefined)[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (name, options) => {
      reads.push(options?.fromVersion);
      return readStream(name, options);
    };
    const handler = createCommandHandler({ store, clock, ids });
    for (let i = 0; i < 5; i += 1) await handler.handle(request(rename(`login-${i}`, `c-${i}`)));
    expect(reads).toEqual([undefined, 2, 3, 4, 5]);
    expect(verifyStreamChain(await store.readStream("user-583231"))).toBeUndefined();
  });

  it("sees other writers' events and still recognises an old command id", async () => {
    const store = createTinyStore();
    const one = createCommandHandler({ store, clock, ids });
    const other = createCommandHandler({ store, clock, ids, reader: createStoreReader(store) });
    const first = await one.handle(request(rename("a", "c-1")));
    await other.handle(request(rename("b", "c-2")));
    const third = await one.handle(request(rename("c", "c-3")));
    expect(third._tag === "Right" && third.right.events[0]).toMatchObject({ version: 3, data: { previousLogin: "b", login: "c" } });
    const retried = await one.handle(request(rename("zzz", "c-1")));
    expect(retried._tag === "Right" && retried.right.duplicate).toBe(true);
    expect(retried._tag === "Right" && first._tag === "Right" && retried.right.events).toEqual(
      first._tag === "Right" ? first.right.events : null,
    );
    expect(verifyStreamChain(await store.readStream("user-583231"))).toBeUndefined();
  });

  it("recovers when the store is behind the cache (the store was replaced under the reader, e.g. restored from a backup)", async () => {
    const storeA = createTinyStore();
    let current: EventStore = storeA;
    // Every call goes to whichever store is current, as a connection string pointed at a restored database would.
    const swappable = new Proxy(storeA, { get: (_, key) => Reflect.get(current, key, current) as unknown }) as EventStore;
    const handler = createCommandHandler({ store: swappable, clock, ids });
    await handler.handle(request(rename("a", "c-1")));
    await handler.handle(request(rename("b", "c-2")));
    current = createTinyStore();
    const result = await handler.handle(request(rename("x", "c-9")));
    expect(result._tag === "Right" && result.right.events.map((e) => [e.version, e.type])).toEqual([[1, "UserSignedUp"]]);
  });

  it("forgets the least recently used streams beyond its bound, and never hands a stream to another decider", () => {
    const cache = createStreamCache(2);
    const entry = { state: 1, version: 1, lastHash: "h", lastOccurredAt: "", commands: new Map<string, readonly [number, number]>() };
    const owner = {};
    cache.set("a", owner, entry);
    cache.set("b", owner, entry);
    cache.get("a", owner);
    cache.set("c", owner, entry);
    expect(cache.get("a", owner)).toBe(entry);
    expect(cache.get("b", owner)).toBeUndefined();
    expect(cache.get("c", {})).toBeUndefined();
  });

  it("never evicts the stream it has just stored, even when every other stream was read since", () => {
    const cache = createStreamCache(3);
    const entry = { state: 1, version: 1, lastHash: "h", lastOccurredAt: "", commands: new Map<string, readonly [number, number]>() };
    const owner = {};
    for (const name of ["a", "b", "c"]) cache.set(name, owner, entry);
    for (const name of ["a", "b", "c"]) cache.get(name, owner);
    cache.set("d", owner, entry);
    expect(cache.get("d", owner)).toBe(entry);
    expect(["a", "b", "c"].filter((name) => cache.get(name, owner) === undefined)).toHaveLength(1);
    expect(cache.peekVersion("d")).toBe(1);
    expect(cache.peekVersion("nowhere")).toBe(0);
  });

  it("stays within its bound over many streams, keeping the ones read again and again", () => {
    const cache = createStreamCache(10);
    const entry = { state: 1, version: 1, lastHash: "h", lastOccurredAt: "", commands: new Map<string, readonly [number, number]>() };
    const owner = {};
    cache.set("hot", owner, entry);
    for (let i = 0; i < 1000; i += 1) {
      cache.set(`cold-${i}`, owner, entry);
      expect(cache.get("hot", owner)).toBe(entry);
    }
    const kept = Array.from({ length: 1000 }, (_, i) => cache.get(`cold-${i}`, owner)).filter((e) => e !== undefined);
    expect(kept.length).toBeLessThanOrEqual(9);
    expect(cache.get("cold-999", owner)).toBe(entry);
  });
});
