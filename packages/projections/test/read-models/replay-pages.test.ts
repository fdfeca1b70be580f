import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DomainEvent, EventStore, JsonValue, RecordedEvent } from "@cloud-ledger/domain";
import {
  allReadModels,
  auditTrail,
  ProjectionConfigError,
  ProjectionDecodeError,
  replayAll,
  replayPages,
  type AnyProjection,
} from "../../src/index.js";
import { appendLog } from "../support/domain-log.js";
import { interpret, logArbitrary } from "../support/log-arbitrary.js";
import { createTestEventStore } from "../support/memory-store.js";

const snapshot = (states: ReadonlyMap<string, unknown>): Record<string, JsonValue> =>
  Object.fromEntries(allReadModels.map((p) => [p.name, p.toJson(states.get(p.name))]));

/** The store's log as pages of `size` events, the way a streaming reader hands them out. */
async function* pagesOf(store: EventStore, size: number): AsyncGenerator<readonly RecordedEvent[]> {
  const all = await store.readAll();
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

describe("replayPages", () => {
  it("gives the same read models, position and count as replayAll over the same log, whatever the page size", async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, fc.integer({ min: 1, max: 9 }), async (steps, size) => {
        const store = createTestEventStore();
        await appendLog(store, interpret(steps));
        const expected = await replayAll(store);
        const actual = await replayPages(pagesOf(store, size));
        expect(actual.events).toBe(expected.events);
        expect(actual.position).toBe(expected.position);
        expect(snapshot(actual.states)).toEqual(snapshot(expected.states));
      }),
      { numRuns: 30 },
    );
  });

  it("folds only the projections it is given and rejects two with one name", async () => {
    const result = await replayPages([], [auditTrail]);
    expect(result).toMatchObject({ events: 0, position: 0 });
    expect([...result.states.keys()]).toEqual([auditTrail.name]);
    await expect(replayPages([], [auditTrail, auditTrail] as AnyProjection<DomainEvent>[])).rejects.toBeInstanceOf(ProjectionConfigError);
  });

  it("raises the same located ProjectionDecodeError as replayAll for an event that does not decode", async () => {
    const bad: RecordedEvent = {
      streamName: "execution-b",
      version: 1,
      globalPosition: 1,
      eventId: "e1",
      type: "ExecutionStarted",
      schemaVersion: 1,
      data: { organization: "01ARZ3NDEKTSV4RRFFQ69G5FAV", projectKey: "0".repeat(32), executionId: "nope" },
      metadata: { actor: "system:test", occurredAt: "2023-01-01T00:00:00Z", correlationId: "c", causationId: "c", commandId: "c" },
      hash: "0".repeat(64),
    };
    const error = await replayPages([[bad]]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionDecodeError);
    expect(error).toMatchObject({ streamName: "execution-b", version: 1, globalPosition: 1 });
  });
});
