import { describe, expect, it } from "vitest";
import type { RecordedEvent } from "@cloud-ledger/domain";
import { trustedDomainEventDecoder } from "../../src/index.js";

const recorded = (type: string, schemaVersion: number, data: RecordedEvent["data"]): RecordedEvent => ({
  eventId: "e",
  type,
  schemaVersion,
  data,
  hash: "0".repeat(64),
  streamName: "s",
  version: 1,
  globalPosition: 1,
  metadata: { actor: "system:test", occurredAt: "2023-01-01T00:00:00Z", correlationId: "c", causationId: "c", commandId: "c" },
});

describe("trusted domain event decoder", () => {
  it("upcasts older schema versions like the serde", () => {
    const v1 = recorded("ProjectCreated", 1, { organization: "o", projectKey: "k", name: "n", repositoryUrl: "r", internalId: "i" });
    expect(trustedDomainEventDecoder.decode(v1)).toEqual({
      _tag: "Right",
      right: {
        type: "ProjectCreated",
        data: { organization: "o", projectKey: "k", name: "n", repositoryUrl: "r", internalId: "i", rootPath: "." },
      },
    });
  });

  it("still rejects unknown types, unsupported versions and non-object data", () => {
    expect(trustedDomainEventDecoder.decode(recorded("Nope", 1, {}))).toEqual({ _tag: "Left", left: "domain: unknown event type 'Nope'" });
    expect(trustedDomainEventDecoder.decode(recorded("MemberAdded", 2, {}))).toMatchObject({
      _tag: "Left",
      left: expect.stringContaining("schema version 2 is not supported") as unknown,
    });
    expect(trustedDomainEventDecoder.decode(recorded("MemberAdded", 1, [1]))).toMatchObject({
      _tag: "Left",
      left: "'MemberAdded': data is not an object",
    });
  });
});
