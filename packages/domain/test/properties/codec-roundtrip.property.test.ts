import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  commandCodecs,
  controlPlaneCommandCodec,
  decodeControlPlaneCommand,
  domainEventDefinitions,
  domainEventSerde,
  controlPlaneCommandTypes,
  type DomainEvent,
  type RecordedEvent,
} from "@cloud-ledger/domain";
import { commandArbitraries, eventArbitraries } from "@cloud-ledger/domain/testing";

/** A stored event around encoded data, as a store hands it back (metadata is irrelevant to the serde). */
function recorded(encoded: { readonly type: string; readonly schemaVersion: number; readonly data: unknown }): RecordedEvent {
  return {
    ...encoded,
    data: JSON.parse(JSON.stringify(encoded.data)) as RecordedEvent["data"],
    eventId: "01HQ0000000000000000000001",
    streamName: "s",
    version: 1,
    globalPosition: 1,
    hash: "0".repeat(64),
    metadata: { actor: "system:test", occurredAt: "2023-01-01T00:00:00.000Z", correlationId: "c", causationId: "c", commandId: "c" },
  };
}

describe("command codecs", () => {
  it("have an arbitrary for every command type", () => {
    expect(Object.keys(commandArbitraries).sort()).toEqual([...controlPlaneCommandTypes].sort());
  });

  for (const type of controlPlaneCommandTypes) {
    it(`${type}: decode(JSON(command)) gives the command back, and encode gives the JSON back`, () => {
      fc.assert(
        fc.property(commandArbitraries[type], (command) => {
          const json: unknown = JSON.parse(JSON.stringify(command));
          const decoded = decodeControlPlaneCommand(json);
          expect(decoded).toEqual({ _tag: "Right", right: command });
          expect(controlPlaneCommandCodec.decode(json)).toEqual({ _tag: "Right", right: command });
          expect(controlPlaneCommandCodec.is(command)).toBe(true);
          expect(commandCodecs[type].encode(command as never)).toEqual(json);
          expect(controlPlaneCommandCodec.encode(command)).toEqual(json);
        }),
      );
    });
  }
});

describe("event codecs", () => {
  it("have an arbitrary for every event type", () => {
    expect(Object.keys(eventArbitraries).sort()).toEqual(domainEventDefinitions.map((d) => d.type).sort());
  });

  for (const definition of domainEventDefinitions) {
    it(`${definition.type}: encode then decode (through JSON) gives the event back, at the current schema version`, () => {
      const arbitrary = eventArbitraries[definition.type] as fc.Arbitrary<DomainEvent>;
      fc.assert(
        fc.property(arbitrary, (event) => {
          const encoded = domainEventSerde.encode(event);
          expect(encoded.type).toBe(event.type);
          expect(encoded.schemaVersion).toBe(definition.schemaVersion);
          expect(domainEventSerde.decode(recorded(encoded))).toEqual({ _tag: "Right", right: event });
        }),
      );
    });
  }
});
