import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { JsonValue, NewEvent } from "@cloud-ledger/domain";
import { CorruptEventError } from "@cloud-ledger/domain";
import { fromRecord, toProposedEvent, type EsdbProposedEvent, type EsdbRecord } from "@cloud-ledger/adapters/eventstoredb";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";

/** What the client hands back after the server stored `proposed`: JSON bytes parsed, or the raw text if unparseable. */
function asRecorded(proposed: EsdbProposedEvent, overrides: Partial<EsdbRecord> = {}): EsdbRecord {
  return {
    streamId: "orders-1",
    revision: 0n,
    type: proposed.type,
    isJson: true,
    data: JSON.parse(JSON.stringify(proposed.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(proposed.metadata)) as unknown,
    position: { commit: 1_024n, prepare: 1_024n },
    ...overrides,
  };
}

const eventWith = (data: JsonValue): NewEvent => sampleEvents("orders-1", 1, { data: () => data })[0]!;

describe("eventstoredb event mapping", () => {
  it("writes $correlationId and $causationId where the server indexes them, and our event id beside its UUID", () => {
    const event = eventWith({ a: 1 });
    const proposed = toProposedEvent(event, "3f1c7f1e-8d53-4a4e-9f0e-2c1a3b4c5d6e");
    expect(proposed.id).toBe("3f1c7f1e-8d53-4a4e-9f0e-2c1a3b4c5d6e");
    expect(proposed.contentType).toBe("application/json");
    expect(proposed.metadata.$correlationId).toBe(event.metadata.correlationId);
    expect(proposed.metadata.$causationId).toBe(event.metadata.causationId);
    expect(proposed.metadata.cloudLedger).toEqual({
      eventId: event.eventId,
      schemaVersion: 1,
      hash: event.hash,
      metadata: event.metadata,
    });
  });

  it("reads back version = revision + 1 and the commit position as global position", () => {
    const event = eventWith({ b: 2, a: [1, "é😀"] });
    const read = fromRecord(asRecorded(toProposedEvent(event, "u"), { revision: 6n, position: { commit: 9_000n, prepare: 9_000n } }));
    expect(read).toStrictEqual({ ...event, streamName: "orders-1", version: 7, globalPosition: 9_000 });
  });

  test.prop([fc.jsonValue()])("round-trips any JSON data and its serialised form exactly", (data) => {
    const event = eventWith(data as JsonValue);
    const read = fromRecord(asRecorded(toProposedEvent(event, "u")));
    expect(JSON.stringify(read.data)).toBe(JSON.stringify(event.data));
    expect(JSON.stringify(read.metadata)).toBe(JSON.stringify(event.metadata));
  });

  it("keeps string data apart from data the client could not parse", () => {
    const proposed = toProposedEvent(eventWith("plain text"), "u");
    expect(fromRecord(asRecorded(proposed)).data).toBe("plain text");
    const object = toProposedEvent(eventWith({ ok: true }), "u");
    expect(() => fromRecord(asRecorded(object, { data: '{"ok": tru' }))).toThrow(CorruptEventError);
  });

  it("reports undecodable records as CorruptEventError with stream and version", () => {
    const proposed = toProposedEvent(eventWith({ ok: true }), "u");
    const cases: Partial<EsdbRecord>[] = [
      { metadata: new Uint8Array([123, 34]) },
      { metadata: { $correlationId: "c" } },
      { metadata: undefined },
      { isJson: false, data: new Uint8Array([1]) },
      { metadata: { ...proposed.metadata, cloudLedger: { ...proposed.metadata.cloudLedger, hash: "nope" } } },
      { metadata: { ...proposed.metadata, cloudLedger: { ...proposed.metadata.cloudLedger, metadata: { actor: 1 } } } },
      { position: undefined },
      { position: { commit: 18_446_744_073_709_551_615n, prepare: 18_446_744_073_709_551_615n } },
    ];
    for (const overrides of cases) {
      let caught: unknown;
      try {
        fromRecord(asRecorded(proposed, { revision: 2n, ...overrides }));
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(Object.keys(overrides))).toBeInstanceOf(CorruptEventError);
      expect(caught).toMatchObject({ streamName: "orders-1", version: 3 });
    }
  });
});
