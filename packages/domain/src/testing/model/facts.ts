import { parseStreamName } from "../../streams.js";
import type { DeploymentState } from "../../deployment/state.js";
import type { ExecutionState } from "../../execution/state.js";
import type { OrganizationState } from "../../organization/state.js";
import type { ProjectState } from "../../project/state.js";

/** The facts the model-based test compares, as plain maps (deployment key = `<project key>.<slug>`). */
export interface Facts {
  readonly deployments: Map<
    string,
    { readonly environment: string; readonly gitRev: string; readonly commit: string; readonly schedules: Map<string, boolean> }
  >;
  /** What each project's index of deployments says. */
  readonly projectIndex: Map<string, Set<string>>;
  readonly executions: Map<
    string,
    {
      readonly projectKey: string;
      readonly deployment: string;
      readonly schedule: string;
      readonly status: string;
      readonly exitCode?: number;
    }
  >;
  readonly secrets: Map<string, Set<string>>;
  readonly members: Map<string, Map<string, string>>;
  /** Internal ids of organizations and projects, by stream: the only thing a regeneration may change. */
  readonly internalIds: Map<string, string>;
}

export function emptyFacts(): Facts {
  return {
    deployments: new Map(),
    projectIndex: new Map(),
    executions: new Map(),
    secrets: new Map(),
    members: new Map(),
    internalIds: new Map(),
  };
}

/** Reads the facts out of every stream's folded state. */
export function factsOf(states: ReadonlyMap<string, unknown>): Facts {
  const facts = emptyFacts();
  for (const [streamName, state] of states) {
    const id = parseStreamName(streamName);
    switch (id?.kind) {
      case "deployment": {
        const d = state as DeploymentState;
        if (d.status === "deployed") {
          facts.deployments.set(`${d.projectKey}.${d.deployment}`, {
            environment: d.environment,
            gitRev: d.gitRev,
            commit: d.commit,
            schedules: new Map(d.schedules.map((s) => [s.name, s.enabled])),
          });
        }
        break;
      }
      case "project": {
        const p = state as ProjectState;
        if (p.status === "active") {
          facts.projectIndex.set(p.projectKey, new Set(p.deployments.keys()));
          facts.secrets.set(p.projectKey, new Set(p.secrets));
          facts.internalIds.set(streamName, p.internalId);
        }
        break;
      }
      case "execution": {
        const e = state as ExecutionState;
        if (e.status !== "none") {
          const { projectKey, deployment, schedule, status, exitCode } = e;
          facts.executions.set(e.executionId, {
            projectKey,
            deployment,
            schedule,
            status,
            ...(exitCode === undefined ? {} : { exitCode }),
          });
        }
        break;
      }
      case "organization": {
        const o = state as OrganizationState;
        if (o.status === "active") {
          facts.members.set(o.organization, new Map(o.members));
          facts.internalIds.set(streamName, o.internalId);
        }
        break;
      }
      default:
        break;
    }
  }
  return facts;
}

/** The facts with internal ids left out: what a regeneration must leave exactly as it was. */
export function withoutInternalIds(facts: Facts): Omit<Facts, "internalIds"> {
  const { internalIds: _ignored, ...rest } = facts;
  return rest;
}
