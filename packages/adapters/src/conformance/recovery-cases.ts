import { expect, it } from "vitest";
import type { EventStore, RecordedEvent } from "@cloud-ledger/domain";
import { CorruptEventError, createCommandHandler } from "@cloud-ledger/domain";
import { countingIds, counterDecider, counterSerde, fixedClock } from "./counter-decider.js";
import type { ConformanceContext } from "./harness.js";
import { expectConflict } from "./expect-conflict.js";
import { sampleEvents, uniqueName } from "./sample-events.js";

async function eventsOfCommand(store: EventStore, stream: string, commandId: string): Promise<RecordedEvent[]> {
  return (await store.readStream(stream)).filter((e) => e.metadata.commandId === commandId);
}

export function registerRecoveryCases(context: ConformanceContext): void {
  const { adapterName: name, harness } = context;

  it(`${name}: a retried command is recognised by its command id and appends nothing twice`, async () => {
    const store = context.store();
    const stream = uniqueName("idempotent");
    const commandId = uniqueName("command");
    const events = sampleEvents(stream, 3, { commandId });
    await store.append(stream, events, { expectedVersion: "no_stream" });
    // A client that lost the acknowledgement re-sends the same append with the version it read: the store refuses it...
    await expectConflict(store.append(stream, events, { expectedVersion: "no_stream" }), stream, "no_stream", 3);
    // ...and the command id stored in the metadata lets the handler return the first result instead of deciding again.
    const recognised = await eventsOfCommand(store, stream, commandId);
    expect(recognised.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    expect(await store.streamVersion(stream)).toBe(3);
  });

  it(`${name}: the command handler returns the first result for a repeated command id and appends nothing`, async () => {
    const store = context.store();
    const stream = uniqueName("handled");
    const handler = createCommandHandler({ store, clock: fixedClock, ids: countingIds(uniqueName("id")) });
    const request = (commandId: string, amount: number) =>
      handler.handle({
        streamName: stream,
        decider: counterDecider,
        serde: counterSerde,
        envelope: { command: { kind: "add", amount }, commandId, actor: "system:conformance" },
      });
    const first = await request("cmd-1", 5);
    const second = await request("cmd-2", 7);
    const retried = await request("cmd-1", 5);
    if (first._tag === "Left" || second._tag === "Left" || retried._tag === "Left") throw new Error("the handler failed");
    expect(retried.right.duplicate).toBe(true);
    expect(retried.right.events.map((e) => e.eventId)).toEqual(first.right.events.map((e) => e.eventId));
    expect(await store.streamVersion(stream)).toBe(2);
    expect((await store.readStream(stream)).map((e) => e.metadata.commandId)).toEqual(["cmd-1", "cmd-2"]);
  });

  const corruptRow = harness.corruptRow?.bind(harness);
  it.skipIf(corruptRow === undefined)(
    `${name}: a corrupted row is reported as CorruptEventError with its stream and ` +
      `version${corruptRow === undefined ? " (skipped: this adapter keeps no raw rows to corrupt)" : ""}`,
    async () => {
      const store = context.store();
      const stream = uniqueName("corrupt");
      await store.append(stream, sampleEvents(stream, 3), { expectedVersion: "no_stream" });
      const [first] = await store.readStream(stream);
      await corruptRow!(store, stream, 2);
      const expectCorrupt = async (attempt: Promise<unknown>): Promise<void> => {
        const error: unknown = await attempt.then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(CorruptEventError);
        expect(error).toMatchObject({ streamName: stream, version: 2 });
      };
      await expectCorrupt(store.readStream(stream));
      await expectCorrupt(store.readStream(stream, { direction: "backwards" }));
      await expectCorrupt(store.readAll({ after: first!.globalPosition - 1 }));
      expect((await store.readStream(stream, { toVersion: 1 })).length).toBe(1);
      expect((await store.readStream(stream, { fromVersion: 3 })).length).toBe(1);
    },
  );
}
