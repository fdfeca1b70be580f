import { describe, expect, it } from "vitest";
import { auditStore, domainEventSerde, verifyStore, type EventStore } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { replayAll } from "@cloud-ledger/projections";
import { generateLog, type LogBatch } from "../src/data/log-generator.js";
import { generateStreamRuns, oneEventPerAppend, take } from "../src/data/stream-runs.js";

async function write(store: EventStore, batches: readonly LogBatch[]): Promise<number> {
  let events = 0;
  for (const batch of batches) {
    await store.append(batch.streamName, batch.events, { expectedVersion: batch.expectedVersion });
    events += batch.events.length;
  }
  return events;
}

// The bench's fixtures are only worth measuring if the real domain, audit and read models accept them.
describe("the bench's seeded log generator", () => {
  it("writes a log that passes audit verify, decodes with the domain serde and replays into every read model", async () => {
    const store = createMemoryEventStore();
    const written = await write(store, take(generateLog(42), 2_500));
    // The whole audit, not only the hash chains: every stream replays through its decider and every event's actor was
    // authorized by the organization as it stood (an owner the deciders never recorded would fail here).
    const audited = await auditStore(store);
    expect(audited.ok ? "ok" : JSON.stringify(audited.fault)).toBe("ok");
    for (const event of await store.readAll()) {
      expect(domainEventSerde.decode(event)._tag, `${event.type} at ${event.streamName}@${event.version}`).toBe("Right");
    }
    const replayed = await replayAll(store);
    expect(replayed.events).toBe(written);
    const types = new Set((await store.readAll()).map((e) => e.type));
    expect([...types]).toEqual(
      expect.arrayContaining(["OrganizationCreated", "DeploymentCreated", "ScheduleEnabled", "ExecutionFinished", "DeploymentRedeployed"]),
    );
  });

  it("is deterministic per seed and differs between seeds", () => {
    const hashes = (seed: number): string[] => take(generateLog(seed), 300).flatMap((b) => b.events.map((e) => e.hash));
    expect(hashes(7)).toEqual(hashes(7));
    expect(hashes(7)).not.toEqual(hashes(8));
  });

  it("splits batches into one-event appends and builds 100-event appends that a store accepts with exact versions", async () => {
    const store = createMemoryEventStore();
    const singles = take(oneEventPerAppend(generateLog(5)), 400);
    expect(singles.every((b) => b.events.length === 1)).toBe(true);
    await write(store, singles);
    const runs = take(generateStreamRuns(6, 100, 3), 7);
    expect(runs.every((b) => b.events.length === 100)).toBe(true);
    await write(store, runs);
    expect(await verifyStore(store)).toMatchObject({ ok: true, events: 400 + 700 });
  });
});
