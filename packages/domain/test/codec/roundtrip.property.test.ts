import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  commandCodecs,
  controlPlaneCommandCodec,
  controlPlaneCommandTypes,
  decodeControlPlaneCommand,
  domainEventDefinitions,
  domainEventSerde,
  structShapes,
  type DomainEvent,
  type JsonValue,
  type RecordedEvent,
} from "@cloud-ledger/domain";
import { arbitraryOf } from "./arbitrary-of.js";

const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
/** Only type, schema version and data matter to decoding; the rest of a stored event is the store's. */
const stored = (type: string, schemaVersion: number, data: unknown) => ({ type, schemaVersion, data }) as unknown as RecordedEvent;

describe("command codecs round-trip", () => {
  it.each(controlPlaneCommandTypes)("%s: encode -> JSON -> decode gives the same command", (type) => {
    fc.assert(
      fc.property(arbitraryOf(commandCodecs[type]), (command) => {
        const decoded = decodeControlPlaneCommand(throughJson(command));
        expect(decoded).toEqual({ _tag: "Right", right: command });
        const viaUnion = controlPlaneCommandCodec.decode(throughJson(controlPlaneCommandCodec.encode(command as never)));
        expect(viaUnion).toEqual({ _tag: "Right", right: command });
      }),
      { numRuns: 100 },
    );
  });
});

describe("event codecs round-trip through the serde", () => {
  it.each(domainEventDefinitions.map((d) => [d.type, d] as const))(
    "%s: encode -> JSON -> decode gives the same event",
    (_type, definition) => {
      fc.assert(
        fc.property(arbitraryOf(definition.data), (data) => {
          const event = { type: definition.type, data } as DomainEvent;
          const encoded = domainEventSerde.encode(event);
          expect(encoded.schemaVersion).toBe(definition.schemaVersion);
          const decoded = domainEventSerde.decode(stored(encoded.type, encoded.schemaVersion, throughJson(encoded.data)));
          expect(decoded).toEqual({ _tag: "Right", right: event });
        }),
        { numRuns: 100 },
      );
    },
  );
});

describe("hostile input gets a typed error naming the field", () => {
  it("never throws on arbitrary JSON; a failure is an invalid-command error with a field", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.record({ type: fc.constantFrom(...controlPlaneCommandTypes) }, { requiredKeys: [] })),
        (input) => {
          const decoded = decodeControlPlaneCommand(input);
          if (decoded._tag === "Left") {
            expect(decoded.left.code).toBe("invalid-command");
            expect(decoded.left.field.length).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it.each(controlPlaneCommandTypes)("%s: breaking one required field names that field", (type) => {
    const required = Object.keys(structShapes.get(commandCodecs[type])?.required ?? {}).filter((k) => k !== "type");
    fc.assert(
      fc.property(arbitraryOf(commandCodecs[type]), fc.constantFrom(...(required.length > 0 ? required : ["type"])), (command, field) => {
        const broken = { ...(command as Record<string, unknown>), [field]: { not: "valid" } };
        const decoded = decodeControlPlaneCommand(broken);
        expect(decoded._tag === "Left" && decoded.left.field).toBe(field);
      }),
      { numRuns: 30 },
    );
  });

  it.each([
    ["a NUL character", "prod\u0000"],
    ["a lone surrogate", "prod\ud800"],
    ["201 characters", "p".repeat(201)],
  ])("text with %s is refused at the boundary, naming the field", (_what, name) => {
    const decoded = decodeControlPlaneCommand({
      type: "CreateDeployment",
      organization: "01GV0Z1VW5TSRF8BYX1J2V3WNT",
      projectKey: "0123456789abcdef0123456789abcdef",
      name,
      environment: "prod",
      gitRev: "main",
    });
    expect(decoded._tag === "Left" && decoded.left).toMatchObject({ code: "invalid-command", field: "name" });
  });

  it("an unknown field is named, and a secret value never appears in the error", () => {
    const decoded = decodeControlPlaneCommand({
      type: "SetSecret",
      organization: "01GV0Z1VW5TSRF8BYX1J2V3WNT",
      projectKey: "0123456789abcdef0123456789abcdef",
      name: "bad name",
      value: "hunter2-very-secret",
    });
    expect(decoded._tag === "Left" && decoded.left).toMatchObject({ code: "invalid-command", field: "name" });
    expect(JSON.stringify(decoded)).not.toContain("hunter2");
    const extra = decodeControlPlaneCommand({
      type: "RegenerateOrganizationId",
      organization: "01GV0Z1VW5TSRF8BYX1J2V3WNT",
      token: "hunter2",
    });
    expect(extra._tag === "Left" && extra.left).toMatchObject({ field: "token", expected: "no such field" });
    expect(JSON.stringify(extra)).not.toContain("hunter2");
  });

  it("a stored event of an unknown type, a newer version, or bad data reads as a Left naming type, version and field", () => {
    const decode = (type: string, schemaVersion: number, data: JsonValue) => domainEventSerde.decode(stored(type, schemaVersion, data));
    expect(decode("Nope", 1, {})).toEqual({ _tag: "Left", left: "domain: unknown event type 'Nope'" });
    expect(decode("ScheduleEnabled", 2, {})).toMatchObject({
      _tag: "Left",
      left: expect.stringContaining("schema version 2 is not supported") as unknown,
    });
    const bad = decode("ScheduleEnabled", 1, {
      organization: "x",
      projectKey: "0123456789abcdef0123456789abcdef",
      deployment: "prod",
      schedule: "s",
    });
    expect(bad).toEqual({ _tag: "Left", left: "'ScheduleEnabled' schema version 1: field 'organization' must be BillingAccountNumber" });
  });

  it("upcasts ProjectCreated v1 (root path omitted at the repository root) to v2", () => {
    const v1 = {
      organization: "01GV0Z1VW5TSRF8BYX1J2V3WNT",
      projectKey: "0123456789abcdef0123456789abcdef",
      name: "Acme",
      repositoryUrl: "https://github.com/acme/data",
      internalId: "01GWQ7520WNMQT0PQ6KHCC4EE1",
    };
    const decoded = domainEventSerde.decode(stored("ProjectCreated", 1, v1));
    expect(decoded).toEqual({ _tag: "Right", right: { type: "ProjectCreated", data: { ...v1, rootPath: "." } } });
    const withRoot = domainEventSerde.decode(stored("ProjectCreated", 1, { ...v1, rootPath: "meltano" }));
    expect(withRoot._tag === "Right" && withRoot.right.data).toMatchObject({ rootPath: "meltano" });
  });
});
