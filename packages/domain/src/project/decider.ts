import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { ProjectEvent } from "./events.js";
import type { ActiveProject, ProjectState } from "./state.js";

/** Creation after the organization registered the project: every field already normalized, the internal id issued. */
export interface CreateProjectDecision {
  readonly type: "CreateProject";
  readonly organization: string;
  readonly projectKey: string;
  readonly name: string;
  readonly repositoryUrl: string;
  readonly rootPath: string;
  readonly internalId: string;
}

interface InProject {
  readonly organization: string;
  readonly projectKey: string;
}

export type ProjectCommand =
  | CreateProjectDecision
  | (InProject &
      (
        | { readonly type: "RegenerateProjectId"; readonly internalId: string }
        | { readonly type: "AddDeployment"; readonly deployment: string; readonly environment: string; readonly gitRev: string }
        | { readonly type: "RemoveDeployment"; readonly deployment: string }
        | { readonly type: "SetSecret"; readonly name: string }
        | { readonly type: "DeleteSecret"; readonly name: string }
      ));

type Result = Either<DomainError, readonly ProjectEvent[]>;

function decideActive(command: Exclude<ProjectCommand, CreateProjectDecision>, state: ActiveProject): Result {
  const { organization, projectKey } = state;
  switch (command.type) {
    case "RegenerateProjectId":
      return right([
        {
          type: "ProjectIdRegenerated",
          data: { organization, projectKey, previousInternalId: state.internalId, internalId: command.internalId },
        },
      ]);
    case "AddDeployment": {
      // The index follows the deployment stream; recording the same deployment twice (a retried command) is a no-op.
      if (state.deployments.has(command.deployment)) return right([]);
      const { deployment, environment, gitRev } = command;
      return right([{ type: "ProjectDeploymentAdded", data: { organization, projectKey, deployment, environment, gitRev } }]);
    }
    case "RemoveDeployment":
      if (!state.deployments.has(command.deployment)) return right([]);
      return right([{ type: "ProjectDeploymentRemoved", data: { organization, projectKey, deployment: command.deployment } }]);
    case "SetSecret":
      // Re-setting a name overwrites the value (rule 45), so it is recorded every time.
      return right([{ type: "SecretSet", data: { organization, projectKey, name: command.name } }]);
    case "DeleteSecret":
      if (!state.secrets.has(command.name)) return left(DomainErrors.secretNotFound(projectKey, command.name));
      return right([{ type: "SecretDeleted", data: { organization, projectKey, name: command.name } }]);
  }
}

export const projectDecider: Decider<ProjectCommand, ProjectEvent, ProjectState, DomainError> = {
  initialState: () => ({ status: "absent" }),
  decide(command, state) {
    if (command.type === "CreateProject") {
      if (state.status === "active") return left(DomainErrors.projectAlreadyExists(command.repositoryUrl, command.rootPath));
      const { organization, projectKey, name, repositoryUrl, rootPath, internalId } = command;
      return right([{ type: "ProjectCreated", data: { organization, projectKey, name, repositoryUrl, rootPath, internalId } }]);
    }
    // A project of another organization is reported exactly like a missing one: no command crosses organizations.
    if (state.status === "absent" || state.organization !== command.organization) {
      return left(DomainErrors.projectNotFound(command.organization, command.projectKey));
    }
    return decideActive(command, state);
  },
  evolve(state, event) {
    if (event.type === "ProjectCreated") {
      const { organization, projectKey, name, repositoryUrl, rootPath, internalId } = event.data;
      return {
        status: "active",
        organization,
        projectKey,
        name,
        repositoryUrl,
        rootPath,
        internalId,
        deployments: new Map(),
        secrets: new Set(),
      };
    }
    if (state.status === "absent") return state;
    switch (event.type) {
      case "ProjectIdRegenerated":
        return { ...state, internalId: event.data.internalId };
      case "ProjectDeploymentAdded":
        return {
          ...state,
          deployments: new Map(state.deployments).set(event.data.deployment, {
            environment: event.data.environment,
            gitRev: event.data.gitRev,
          }),
        };
      case "ProjectDeploymentRemoved": {
        const deployments = new Map(state.deployments);
        deployments.delete(event.data.deployment);
        return { ...state, deployments };
      }
      case "SecretSet":
        return { ...state, secrets: new Set(state.secrets).add(event.data.name) };
      case "SecretDeleted": {
        const secrets = new Set(state.secrets);
        secrets.delete(event.data.name);
        return { ...state, secrets };
      }
    }
  },
};
