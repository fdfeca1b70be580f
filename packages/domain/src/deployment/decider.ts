import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { GitResolution } from "../ports/git.js";
import { digestOf } from "../naming/keys.js";
import type { DeploymentEvent, RedeployTrigger } from "./events.js";
import { schedulesForEnvironment, syncSchedules } from "./schedules.js";
import type { DeployedDeployment, DeploymentState } from "./state.js";
import { evolveDeployment } from "./evolve.js";

interface DeploymentRef {
  readonly organization: string;
  readonly projectKey: string;
  /** The deployment's slug (for schedule commands: the name as the user typed it, which must match exactly). */
  readonly deployment: string;
}

export type DeploymentCommand = DeploymentRef &
  (
    | { readonly type: "CreateDeployment"; readonly environment: string; readonly gitRev: string; readonly resolution: GitResolution }
    | {
        readonly type: "RedeployDeployment";
        readonly trigger: RedeployTrigger;
        readonly force: boolean;
        readonly preserveGitHash: boolean;
        /** The tracked revision re-resolved, or the current commit when preserving the git hash (rule 17). */
        readonly resolution: GitResolution;
      }
    | { readonly type: "DeleteDeployment" }
    | { readonly type: "EnableSchedule" | "DisableSchedule"; readonly schedule: string }
  );

type Result = Either<DomainError, readonly DeploymentEvent[]>;

/** Rule 13: a deployable manifest is valid, defines the environment, and defines at least one schedule. */
function checkManifest(resolution: GitResolution, environment: string): Either<DomainError, void> {
  const { commit, manifest, manifestErrors } = resolution;
  if (manifestErrors.length > 0) return left(DomainErrors.manifestInvalid(commit, manifestErrors));
  if (!manifest.environments.some((e) => e.name === environment)) return left(DomainErrors.environmentNotFound(environment, commit));
  if (manifest.schedules.length === 0) return left(DomainErrors.noSchedules(commit));
  return right(undefined);
}

function redeploy(command: Extract<DeploymentCommand, { type: "RedeployDeployment" }>, state: DeployedDeployment): Result {
  const checked = checkManifest(command.resolution, state.environment);
  if (checked._tag === "Left") return checked;
  // Rule 16: "no change" means the tracked revision resolves to the commit already deployed. A digest of the parsed
  // manifest would miss what it does not parse (plugin config, pip_url, code), leaving the deployment on an old commit.
  if (command.resolution.commit === state.commit && !command.force) return left(DomainErrors.deploymentUpToDate(state.deployment));
  const manifestDigest = digestOf(command.resolution.manifest);
  const next = schedulesForEnvironment(command.resolution.manifest, state.environment);
  const sync = syncSchedules(state.schedules, next);
  const { organization, projectKey, deployment } = state;
  return right([
    {
      type: "DeploymentRedeployed",
      data: {
        organization,
        projectKey,
        deployment,
        previousCommit: state.commit,
        commit: command.resolution.commit,
        manifestDigest,
        trigger: command.trigger,
        forced: command.force,
        preservedGitHash: command.preserveGitHash,
        schedulesAdded: sync.added,
        schedulesRemoved: sync.removed,
        schedulesKept: sync.kept,
        scheduleOrder: next.map((s) => s.name),
      },
    },
  ]);
}

function decideDeployed(command: Exclude<DeploymentCommand, { type: "CreateDeployment" }>, state: DeployedDeployment): Result {
  const { organization, projectKey, deployment } = state;
  switch (command.type) {
    case "RedeployDeployment":
      return redeploy(command, state);
    case "DeleteDeployment": {
      const enabledSchedulesDropped = state.schedules.filter((s) => s.enabled).map((s) => s.name);
      return right([{ type: "DeploymentDeleted", data: { organization, projectKey, deployment, enabledSchedulesDropped } }]);
    }
    case "EnableSchedule":
    case "DisableSchedule": {
      const schedule = state.schedules.find((s) => s.name === command.schedule);
      if (schedule === undefined) return left(DomainErrors.scheduleNotFound(command.deployment, command.schedule));
      const enable = command.type === "EnableSchedule";
      // Rule 25: setting the flag it already has changes nothing, so nothing is recorded.
      if (schedule.enabled === enable) return right([]);
      const data = { organization, projectKey, deployment, schedule: schedule.name };
      return right([enable ? { type: "ScheduleEnabled", data } : { type: "ScheduleDisabled", data }]);
    }
  }
}

function notFound(command: Exclude<DeploymentCommand, { type: "CreateDeployment" }>): DomainError {
  switch (command.type) {
    case "RedeployDeployment":
      return DomainErrors.deploymentNotFound(command.deployment, "update");
    case "DeleteDeployment":
      return DomainErrors.deploymentNotFound(command.deployment, "delete");
    case "EnableSchedule":
    case "DisableSchedule":
      return DomainErrors.scheduleNotFound(command.deployment, command.schedule);
  }
}

/** A deployment of one environment of a project at a tracked revision, owning its schedules' enabled flags. */
export const deploymentDecider: Decider<DeploymentCommand, DeploymentEvent, DeploymentState, DomainError> = {
  initialState: () => ({ status: "absent" }),
  decide(command, state) {
    const mine = state.status === "deployed" && state.organization === command.organization && state.projectKey === command.projectKey;
    if (command.type === "CreateDeployment") {
      if (mine) return left(DomainErrors.deploymentAlreadyExists(command.deployment));
      const checked = checkManifest(command.resolution, command.environment);
      if (checked._tag === "Left") return checked;
      const { organization, projectKey, deployment, environment, gitRev } = command;
      const schedules = schedulesForEnvironment(command.resolution.manifest, environment);
      const manifestDigest = digestOf(command.resolution.manifest);
      return right([
        {
          type: "DeploymentCreated",
          data: { organization, projectKey, deployment, environment, gitRev, commit: command.resolution.commit, manifestDigest, schedules },
        },
      ]);
    }
    if (!mine) return left(notFound(command));
    return decideDeployed(command, state);
  },
  evolve: evolveDeployment,
};
