import { describe, expect, it } from "vitest";
import type { JsonValue, RecordedEvent } from "../../src/ports/event-store.js";
import { createLogReplayCheck } from "../../src/integrity/log-replay-check.js";

const ORG = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
const metadata = { actor: "github:1001", occurredAt: "2024-01-01T00:00:00.000Z", correlationId: "c", causationId: "c", commandId: "c" };

function event(
  version: number,
  type: string,
  data: { readonly [key: string]: JsonValue },
  overrides: Partial<RecordedEvent> = {},
): RecordedEvent {
  return {
    streamName: `organization-${ORG}`,
    version,
    globalPosition: version,
    eventId: `e${version}`,
    type,
    schemaVersion: 1,
    data,
    metadata,
    hash: "0".repeat(64),
    ...overrides,
  };
}

const created = event(1, "OrganizationCreated", {
  organization: ORG,
  name: "acme",
  internalId: "01ARZ3NDEKTSV4RRFFQ69G5FAW",
  owner: "1001",
});
const added = event(2, "MemberAdded", { organization: ORG, githubUserId: "1002", role: "reader" });

describe("createLogReplayCheck", () => {
  it("accepts what the command handler writes", () => {
    const check = createLogReplayCheck();
    expect(check.check(created)).toBeUndefined();
    expect(check.check(added)).toBeUndefined();
  });

  it("names what is wrong with an event: stream, metadata, actor, time, type, version, fields, key", () => {
    const problem = (e: RecordedEvent): string | undefined => createLogReplayCheck().check(e);
    expect(problem({ ...added, streamName: "elsewhere" })).toBe("stream 'elsewhere' is not one of the domain's streams");
    expect(problem({ ...added, metadata: { ...metadata, extra: "x" } as RecordedEvent["metadata"] })).toMatch(
      /metadata must have exactly the keys/,
    );
    expect(problem({ ...added, metadata: { ...metadata, actor: "root" } })).toMatch(/actor 'root' is neither/);
    expect(problem({ ...added, metadata: { ...metadata, occurredAt: "yesterday" } })).toMatch(
      /occurredAt 'yesterday' is not an ISO-8601 UTC instant/,
    );
    expect(problem({ ...added, type: "MemberPromoted" })).toMatch(/unknown event type 'MemberPromoted'/);
    expect(problem({ ...added, schemaVersion: 99 })).toMatch(/schema version 99 is not supported/);
    expect(problem({ ...added, data: { organization: ORG, githubUserId: "1002", role: 42 } })).toMatch(/role/);
    expect(problem({ ...added, data: { organization: ORG, githubUserId: "1002", role: "reader", admin: true } })).toMatch(/admin/);
    expect(problem({ ...added, data: { organization: "01ARZ3NDEKTSV4RRFFQ69G5FAX", githubUserId: "1002", role: "reader" } })).toMatch(
      /its organization '01ARZ3NDEKTSV4RRFFQ69G5FAX' does not match the stream's/,
    );
  });

  it("seeds a continued stream's state from the target's events without checking them", () => {
    const check = createLogReplayCheck();
    check.seed([{ ...created, metadata: { ...metadata, legacy: "kept" } as RecordedEvent["metadata"] }]);
    expect(check.check(added)).toBeUndefined();
    expect(() => check.seed([{ ...added, type: "Nonsense" }])).toThrow(/the target's stream .* version 2 does not replay/);
  });
});
