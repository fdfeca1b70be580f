import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { domainEventDefinitions, domainEventSerde, type JsonValue, type RecordedEvent } from "@cloud-ledger/domain";
import { domainEventArbitrary } from "@cloud-ledger/domain/testing";
import { ProjectionDecodeError, replayAll } from "../../src/index.js";
import { compiledEventTypes, validatingDomainEventDecoder } from "../../src/read-models/validating-decoder.js";
import { createTestEventStore } from "../support/memory-store.js";

const recorded = (type: string, schemaVersion: number, data: unknown): RecordedEvent => ({
  eventId: "e",
  type,
  schemaVersion,
  data: data as JsonValue,
  hash: "0".repeat(64),
  streamName: "s",
  version: 1,
  globalPosition: 1,
  metadata: { actor: "system:test", occurredAt: "2023-01-01T00:00:00Z", correlationId: "c", causationId: "c", commandId: "c" },
});

const currentVersion = new Map(domainEventDefinitions.map((d) => [d.type as string, d.schemaVersion]));
const types = [...currentVersion.keys()];

/** Values that break a field: wrong JSON types, boundary strings and numbers, nested junk. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, "", " ", "\u0000", "\uD800", "a\uDC00b", "x".repeat(4097), -1, 256, 1.5, "0", [], {}, [{}], null),
);

/** A valid event with one thing changed: a field replaced, removed or added, or the whole data replaced. */
const mutatedEvent = fc
  .tuple(domainEventArbitrary, fc.nat(), oddValue, fc.constantFrom("replace", "remove", "add", "data"))
  .map(([event, pick, value, how]) => {
    const data: Record<string, unknown> = { ...(event.data as Record<string, unknown>) };
    const keys = Object.keys(data);
    const key = keys[pick % Math.max(1, keys.length)] ?? "organization";
    if (how === "replace") data[key] = value;
    else if (how === "remove") delete data[key];
    else if (how === "add") data[`zz${key}`] = value;
    return { type: event.type, data: how === "data" ? value : data };
  });

/** Any stored type/version pair: current, older (upcast path), unsupported, unknown. */
const anyTypeAndVersion = fc.tuple(
  fc.oneof(fc.constantFrom(...types), fc.string()),
  fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.double()),
);

describe("validating domain event decoder", () => {
  it("covers every domain event type with its fast path", () => {
    expect([...compiledEventTypes].sort()).toEqual([...types].sort());
  });

  it("decodes every valid event exactly like the io-ts serde", () => {
    fc.assert(
      fc.property(domainEventArbitrary, (event) => {
        const stored = recorded(event.type, currentVersion.get(event.type) ?? 1, domainEventSerde.encode(event).data);
        const fast = validatingDomainEventDecoder.decode(stored);
        expect(fast).toEqual(domainEventSerde.decode(stored));
        expect(fast._tag).toBe("Right");
      }),
      { numRuns: 500 },
    );
  });

  it("decodes valid events whose fields come in any order (not the codec's) exactly like the io-ts serde", () => {
    fc.assert(
      fc.property(domainEventArbitrary, fc.integer(), (event, seed) => {
        const data = domainEventSerde.encode(event).data as Record<string, JsonValue>;
        // A deterministic shuffle of the keys, by the seed.
        const keys = Object.keys(data).sort(
          (a, b) => ((a.length * 31 + a.charCodeAt(0) + seed) % 7) - ((b.length * 31 + b.charCodeAt(0) + seed) % 7) || (a < b ? 1 : -1),
        );
        const shuffled = Object.fromEntries(keys.map((k) => [k, data[k] as JsonValue]));
        const stored = recorded(event.type, currentVersion.get(event.type) ?? 1, shuffled);
        const fast = validatingDomainEventDecoder.decode(stored);
        expect(fast).toEqual(domainEventSerde.decode(stored));
        expect(fast._tag).toBe("Right");
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(mutatedEvent, fc.integer(), ({ type, data }, seed) => {
        if (data === null || typeof data !== "object" || Array.isArray(data)) return;
        const entries = Object.entries(data);
        const shuffled = Object.fromEntries(
          entries
            .map((e, i) => [(i * 7 + seed) % (entries.length + 3), e] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, e]) => e),
        );
        const stored = recorded(type, currentVersion.get(type) ?? 1, shuffled);
        expect(validatingDomainEventDecoder.decode(stored)).toEqual(domainEventSerde.decode(stored));
      }),
      { numRuns: 1000 },
    );
  });

  it("accepts and rejects mutated events exactly like the io-ts serde, with the same located error", () => {
    fc.assert(
      fc.property(mutatedEvent, ({ type, data }) => {
        const stored = recorded(type, currentVersion.get(type) ?? 1, data);
        expect(validatingDomainEventDecoder.decode(stored)).toEqual(domainEventSerde.decode(stored));
      }),
      { numRuns: 1000 },
    );
  });

  it("agrees with the serde on any type and schema version, including upcasts and unknown types", () => {
    fc.assert(
      fc.property(domainEventArbitrary, anyTypeAndVersion, fc.boolean(), (event, [type, version], keepType) => {
        const stored = recorded(keepType ? event.type : type, version, domainEventSerde.encode(event).data);
        expect(validatingDomainEventDecoder.decode(stored)).toEqual(domainEventSerde.decode(stored));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses data io-ts refuses even when it looks like an object (arrays, class instances)", () => {
    for (const data of [[], new Date(0), Object.assign(Object.create({ organization: "x" }) as object, {})]) {
      const stored = recorded("ExecutionStarted", 1, data);
      expect(validatingDomainEventDecoder.decode(stored)._tag).toBe("Left");
      expect(validatingDomainEventDecoder.decode(stored)).toEqual(domainEventSerde.decode(stored));
    }
  });

  it("agrees with the serde on records the one-pass field check treats specially", () => {
    const requested = {
      organization: "01ARZ3NDEKTSV4RRFFQ69G5FAV",
      projectKey: "0".repeat(32),
      executionId: "a".repeat(32),
      deployment: "prod",
      schedule: "daily",
      environment: "prod",
      commit: "b".repeat(40),
      trigger: "scheduled",
    };
    const inherited = Object.assign(Object.create({ executionId: "a".repeat(32) }) as object, {
      organization: requested.organization,
      projectKey: requested.projectKey,
    });
    const hidden = Object.defineProperty({ organization: requested.organization, projectKey: requested.projectKey }, "executionId", {
      value: "a".repeat(32),
      enumerable: false,
    });
    const cases: [string, unknown][] = [
      ["ExecutionRequested", { ...requested, tickId: undefined }], // an optional field present but undefined
      ["ExecutionRequested", { ...requested, tickId: "01ARZ3NDEKTSV4RRFFQ69G5FAV" }],
      ["ExecutionRequested", { ...requested, trigger: undefined }], // a required field present but undefined
      ["ExecutionStarted", inherited], // a required field only on the prototype
      ["ExecutionStarted", hidden], // a required field that is not enumerable
      [
        "ExecutionStarted",
        Object.assign(Object.create(null) as object, {
          organization: requested.organization,
          projectKey: requested.projectKey,
          executionId: "a".repeat(32),
        }),
      ],
    ];
    for (const [type, data] of cases) {
      const stored = recorded(type, currentVersion.get(type) ?? 1, data);
      expect(validatingDomainEventDecoder.decode(stored), JSON.stringify(data)).toEqual(domainEventSerde.decode(stored));
    }
  });

  it("is what replayAll uses by default: a bad field stops the replay with a located ProjectionDecodeError", async () => {
    const store = createTestEventStore();
    const ref = { organization: "01ARZ3NDEKTSV4RRFFQ69G5FAV", projectKey: "0".repeat(32) };
    const stored = (eventId: string, type: string, data: JsonValue) => {
      const { metadata, hash } = recorded(type, 1, data);
      return { eventId, type, schemaVersion: 1, data, metadata, hash };
    };
    await store.append("execution-a", [stored("e1", "ExecutionStarted", { ...ref, executionId: "a".repeat(32) })], {
      expectedVersion: "any",
    });
    await store.append("execution-b", [stored("e2", "ExecutionStarted", { ...ref, executionId: "nope" })], { expectedVersion: "any" });
    const error = await replayAll(store).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectionDecodeError);
    expect(error).toMatchObject({
      streamName: "execution-b",
      version: 1,
      globalPosition: 2,
      reason: "'ExecutionStarted' schema version 1: field 'executionId' must be ExecutionId",
    });
  });
});
