import { describe, expect, it } from "vitest";
import { notificationsStream, parseStreamName, streamKeyMismatch, streamNameOf } from "@cloud-ledger/domain";
import { ORG, PK } from "../support/fixtures.js";

// Rule 46: one stream per scope, the organization's or one project's; audits check each event against its stream.
describe("notification scope streams", () => {
  it("name the organization, and the project for a project scope, and parse back", () => {
    expect(notificationsStream(ORG)).toBe(`notifications-${ORG}`);
    expect(parseStreamName(notificationsStream(ORG))).toEqual({ kind: "notifications", organization: ORG });
    const project = parseStreamName(notificationsStream(ORG, PK));
    expect(project).toEqual({ kind: "notifications", organization: ORG, projectKey: PK });
    expect(streamNameOf(project!)).toBe(notificationsStream(ORG, PK));
    for (const bad of [`notifications-${ORG}.`, `notifications-${ORG}.${PK}.x`, "notifications-acme", `notifications-${ORG}.XYZ`]) {
      expect(parseStreamName(bad)).toBeUndefined();
    }
  });

  it("an event of another scope than its stream's is a mismatch", () => {
    const orgStream = { kind: "notifications", organization: ORG } as const;
    const projectStream = { ...orgStream, projectKey: PK } as const;
    expect(streamKeyMismatch(orgStream, { organization: ORG })).toBeUndefined();
    expect(streamKeyMismatch(projectStream, { organization: ORG, projectKey: PK })).toBeUndefined();
    expect(streamKeyMismatch(orgStream, { organization: ORG, projectKey: PK })).toBe(
      "it names a project but the stream is the organization's",
    );
    expect(streamKeyMismatch(projectStream, { organization: ORG })).toMatch(/names no project/);
    expect(streamKeyMismatch(projectStream, { organization: ORG, projectKey: "0".repeat(32) })).toMatch(/projectKey/);
    expect(streamKeyMismatch(orgStream, { organization: "01GV0Z1VW5TSRF8BYX1J2V3WNV" })).toMatch(/organization/);
  });
});
