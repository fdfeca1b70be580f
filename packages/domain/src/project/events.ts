import { BillingAccountNumber as Org, NonEmptyString, ProjectKey, SecretName, DeploymentSlug, Ulid, struct } from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";
import type { JsonValue } from "../ports/event-store.js";

/**
 * Version 1 left `rootPath` out when the project sat at the repository root; version 2 always records it, so readers
 * never have to know that default.
 */
function projectCreatedV1ToV2(data: JsonValue): JsonValue {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return data;
  const record = data as { readonly [key: string]: JsonValue };
  return "rootPath" in record ? record : { ...record, rootPath: "." };
}

export const ProjectCreated = defineEvent(
  "ProjectCreated",
  2,
  struct(
    "ProjectCreated",
    {
      organization: Org,
      projectKey: ProjectKey,
      name: NonEmptyString,
      repositoryUrl: NonEmptyString,
      rootPath: NonEmptyString,
      internalId: Ulid,
    },
    {},
  ),
  { 1: projectCreatedV1ToV2 },
);
export const ProjectIdRegenerated = defineEvent(
  "ProjectIdRegenerated",
  1,
  struct("ProjectIdRegenerated", { organization: Org, projectKey: ProjectKey, previousInternalId: Ulid, internalId: Ulid }, {}),
);
/** The project's index of its deployments, so a push to a branch finds the deployments that track it. */
export const ProjectDeploymentAdded = defineEvent(
  "ProjectDeploymentAdded",
  1,
  struct(
    "ProjectDeploymentAdded",
    { organization: Org, projectKey: ProjectKey, deployment: DeploymentSlug, environment: NonEmptyString, gitRev: NonEmptyString },
    {},
  ),
);
export const ProjectDeploymentRemoved = defineEvent(
  "ProjectDeploymentRemoved",
  1,
  struct("ProjectDeploymentRemoved", { organization: Org, projectKey: ProjectKey, deployment: DeploymentSlug }, {}),
);
/** Secrets are write-only: the event records that a name was set, never the value nor anything derived from it. */
export const SecretSet = defineEvent(
  "SecretSet",
  1,
  struct("SecretSet", { organization: Org, projectKey: ProjectKey, name: SecretName }, {}),
);
export const SecretDeleted = defineEvent(
  "SecretDeleted",
  1,
  struct("SecretDeleted", { organization: Org, projectKey: ProjectKey, name: SecretName }, {}),
);

export const projectEventDefinitions = [
  ProjectCreated,
  ProjectIdRegenerated,
  ProjectDeploymentAdded,
  ProjectDeploymentRemoved,
  SecretSet,
  SecretDeleted,
] as const;
export type ProjectEvent = EventOf<typeof projectEventDefinitions>;
