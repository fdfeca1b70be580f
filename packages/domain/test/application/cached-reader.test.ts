import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  createCachedReader,
  createCommandHandler,
  createStoreReader,
  userDecider,
  userEventSerde,
  type CommandEnvelope,
  type EventStore,
  type UserCommand,
} from "@cloud-ledger/domain";
import { createArrayEventStore } from "@cloud-ledger/domain/testing";

const STREAM = "user-583231";
const clock = { now: () => "2023-08-24T12:00:00.000Z" };

function idsFrom(start: number) {
  let n = start;
  return { ulid: () => `01H0000000000000000000${String(++n).padStart(4, "0")}`, executionId: () => "0".repeat(32) };
}

const rename = (login: string, commandId: string): CommandEnvelope<UserCommand> => ({
  command: { type: "SignUpUser", githubUserId: "583231", login },
  commandId,
  actor: "github:583231",
});

/** A store with `readStreams`, counting the calls that read one stream. */
function countingStore() {
  const store = createArrayEventStore([], { readStreams: true });
  let single = 0;
  const counted: EventStore = {
    ...store,
    readStream: (name, options) => ((single += 1), store.readStream(name, options)),
  };
  return { store: counted, singleReads: () => single };
}

/** Renames the user through a handler that keeps no cache, so each append is its own command (ids c-1, c-2, ...). */
async function appendRenames(store: EventStore, from: number, count: number): Promise<void> {
  const handler = createCommandHandler({ store, clock, ids: idsFrom(from * 10), reader: createStoreReader(store) });
  for (let i = from; i < from + count; i += 1) {
    const envelope = rename(`login-${i}`, `c-${i}`);
    const done = await handler.handle({ streamName: STREAM, decider: userDecider, serde: userEventSerde, envelope });
    if (done._tag === "Left") throw new Error(`rename ${i} failed: ${JSON.stringify(done.left)}`);
  }
}

describe("cached reader", () => {
  it("answers a load served from the dispatch's read ahead at once: no store call and no asynchronous step", async () => {
    const { store, singleReads } = countingStore();
    await appendRenames(store, 1, 3);
    const before = singleReads();
    const scope = createCachedReader(store).scope();
    await scope.readAhead([STREAM]);
    let settled = false;
    const loading = scope.load(STREAM, userDecider, userEventSerde).then(() => (settled = true));
    // One turn of the microtask queue: an answer that went through nested async functions would not be there yet.
    await Promise.resolve();
    expect(settled).toBe(true);
    await loading;
    expect(singleReads()).toBe(before);
  });

  it("folds exactly as a store reader does, however the cache, the read ahead and a retried command id fall", async () => {
    // Steps: renames appended by another writer, loads through a scope (with or without reading ahead first), asking
    // for the events of a command id that may be new, in the tail, or only before it (then read from the store).
    const step = fc.oneof(
      fc.record({ kind: fc.constant("append" as const), count: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ kind: fc.constant("load" as const), readAhead: fc.boolean(), command: fc.option(fc.integer({ min: 1, max: 12 })) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const store = createArrayEventStore([], { readStreams: true });
        const cached = createCachedReader(store);
        const plain = createStoreReader(store);
        let appended = 0;
        for (const s of steps) {
          if (s.kind === "append") {
            await appendRenames(store, appended + 1, s.count);
            appended += s.count;
            continue;
          }
          const scope = cached.scope();
          if (s.readAhead) await scope.readAhead([STREAM]);
          const options = s.command === null ? {} : { commandId: `c-${s.command}` };
          const got = await scope.load(STREAM, userDecider, userEventSerde, options);
          const want = await plain.load(STREAM, userDecider, userEventSerde, options);
          if (got._tag === "Left" || want._tag === "Left") throw new Error("a load failed");
          const { state, version, lastHash, lastOccurredAt, byCommand } = want.right;
          expect({ ...got.right, commands: undefined, fresh: undefined }).toEqual({
            state,
            version,
            lastHash,
            lastOccurredAt,
            byCommand,
            commands: undefined,
            fresh: undefined,
          });
          expect(got.right.fresh).toBe(!s.readAhead);
        }
      }),
      { numRuns: 60 },
    );
  });
});
