import { echo } from "../echo.js";
import type { StreamId } from "../streams.js";
import { branchPushKeyOf, scheduleProgressKeyOf } from "../naming/keys.js";

/**
 * The fields of an event that must agree with the stream it is in: an event filed under another entity's stream (or
 * another organization's) is a fault even when its hash chain holds.
 */
export function streamKeyMismatch(id: StreamId, data: Readonly<Record<string, unknown>>): string | undefined {
  const expect = (field: string, value: string): string | undefined =>
    field in data && data[field] !== value
      ? `its ${field} '${echo(String(data[field]))}' does not match the stream's '${value}'`
      : undefined;
  switch (id.kind) {
    case "user":
      return expect("githubUserId", id.githubUserId);
    case "organization":
      return expect("organization", id.organization);
    case "organization-name":
      return expect("name", id.name);
    case "project":
      return expect("projectKey", id.projectKey);
    case "deployment":
      return expect("projectKey", id.projectKey) ?? expect("deployment", id.deployment);
    case "execution":
      return expect("executionId", id.executionId);
    case "credits":
      return expect("organization", id.organization);
    case "notifications":
      // An organization-scoped event has no project key; one in a project's stream must name that project.
      return (
        expect("organization", id.organization) ??
        (id.projectKey === undefined
          ? "projectKey" in data
            ? "it names a project but the stream is the organization's"
            : undefined
          : "projectKey" in data
            ? expect("projectKey", id.projectKey)
            : `it names no project but the stream is that of project '${id.projectKey}'`)
      );
    case "delivery":
      return expect("idempotencyKey", id.idempotencyKey);
    case "state":
      return expect("projectKey", id.projectKey) ?? expect("stateId", id.stateId);
    case "branch-push": {
      // The key is a digest of the fields: the event must name the very push the stream is for.
      const { organization, repositoryUrl, branch } = data;
      if (typeof organization !== "string" || typeof repositoryUrl !== "string" || typeof branch !== "string") return undefined;
      const key = branchPushKeyOf(organization, repositoryUrl, branch);
      return key === id.pushKey ? undefined : `its organization, repository and branch give the stream key '${key}', not '${id.pushKey}'`;
    }
    case "schedule-progress": {
      const { organization, projectKey, deployment, schedule } = data;
      const fields = [organization, projectKey, deployment, schedule];
      if (!fields.every((field): field is string => typeof field === "string")) return undefined;
      const key = scheduleProgressKeyOf(...(fields as [string, string, string, string]));
      return key === id.scheduleKey ? undefined : `its pair gives the stream key '${key}', not '${id.scheduleKey}'`;
    }
  }
}
