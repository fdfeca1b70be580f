import { organizationOf, type ScenarioDispatch, type ScenarioUniverse } from "./arbitraries-scenario-universe.js";
import type { ScenarioStep } from "./arbitraries-scenario-steps.js";

/*
 * Turning scenario steps into commands at run time: steps that pick choose among the deployments and executions that
 * exist when they run (with one slot for something that does not), and a notifying push becomes GitHub's webhook.
 */

/** The NotifyBranchUpdated the platform sends for a push step that notifies, once per organization owning a project on the repository. */
export function webhookAfterPush(
  step: Extract<ScenarioStep, { readonly kind: "push" }>,
  universe: ScenarioUniverse,
): readonly ScenarioDispatch[] {
  if (!step.notify) return [];
  const organizations = new Set(universe.projects.filter((p) => p.repositoryUrl === step.repositoryUrl).map((p) => p.organization));
  return [...organizations].map((organization) => ({
    actor: "system:github-webhooks",
    command: { type: "NotifyBranchUpdated", organization, repositoryUrl: step.repositoryUrl, branch: step.branch },
  }));
}

/** A deployment as a scenario sees it: where it lives, its name and its schedules. */
export interface ScenarioDeploymentRef {
  readonly projectKey: string;
  readonly deployment: string;
  readonly schedules: readonly string[];
  /** The enabled ones, when known: scheduled ticks pick among these (ticks of disabled schedules are refused). */
  readonly enabledSchedules?: readonly string[];
}

/** What exists when a step runs, for the steps that pick among existing things. */
export interface ScenarioWorldView {
  readonly executions: readonly ScenarioExecutionRef[];
  readonly deployments: readonly ScenarioDeploymentRef[];
}

/** A deployment name no scenario creates, for the "missing deployment" slot of a pick. */
export const UNKNOWN_DEPLOYMENT = "ghost";

/**
 * The command a picking step sends. `pick` chooses among what exists, with one extra slot for something that does not
 * (an unknown deployment, schedule or execution), so rejections keep being exercised too.
 */
export function resolveScenarioStep(
  step: Exclude<ScenarioStep, { readonly kind: "push" }>,
  universe: ScenarioUniverse,
  world: ScenarioWorldView,
): ScenarioDispatch {
  if (step.kind === "dispatch") return { actor: step.actor, command: step.command };
  if (step.kind === "execution") return resolveExecutionStep(step, universe, world.executions);
  const target = world.deployments[step.pick % (world.deployments.length + 1)];
  const project =
    universe.projects.find((p) => p.projectKey === target?.projectKey) ?? universe.projects[step.pick % universe.projects.length];
  if (project === undefined) throw new RangeError("a scenario universe needs at least one project");
  const deployment = target?.deployment ?? UNKNOWN_DEPLOYMENT;
  const enabled = target?.enabledSchedules ?? [];
  const schedules = step.action === "RequestScheduledExecution" && enabled.length > 0 ? enabled : (target?.schedules ?? []);
  const schedule = schedules[step.schedulePick % (schedules.length + 1)] ?? "no-such-schedule";
  const organization = organizationOf(universe, project);
  const actor = `github:${step.byOwner ? organization.owner : organization.maintainer}`;
  const ref = { organization: project.organization, projectKey: project.projectKey };
  switch (step.action) {
    case "EnableSchedule":
    case "DisableSchedule":
    case "RunSchedule":
      return { actor, command: { type: step.action, ...ref, deployment, schedule } };
    case "RequestScheduledExecution":
      return { actor: "system:scheduler", command: { type: step.action, ...ref, deployment, schedule, tickId: step.tickId } };
    case "UpdateDeployment":
      return { actor, command: { type: step.action, ...ref, name: deployment, force: step.force, preserveGitHash: step.preserveGitHash } };
    case "DeleteDeployment":
      return { actor, command: { type: step.action, ...ref, name: deployment } };
  }
}

/** An execution as a scenario knows it: where it lives and its id. */
export interface ScenarioExecutionRef {
  readonly organization: string;
  readonly projectKey: string;
  readonly executionId: string;
}

/** An execution id no scenario ever creates, for the "unknown execution" slot of a pick. */
export const UNKNOWN_EXECUTION_ID = "0".repeat(32);

/**
 * The command an execution step sends: `pick` chooses among the known executions, with one extra slot for an execution
 * that does not exist (in the step's project). Runners start and finish executions; a maintainer stops them.
 */
export function resolveExecutionStep(
  step: Extract<ScenarioStep, { readonly kind: "execution" }>,
  universe: ScenarioUniverse,
  executions: readonly ScenarioExecutionRef[],
): ScenarioDispatch {
  const picked = executions[step.pick % (executions.length + 1)];
  const ref = picked ?? { organization: step.project.organization, projectKey: step.project.projectKey, executionId: UNKNOWN_EXECUTION_ID };
  switch (step.action) {
    case "StartExecution":
      return { actor: "system:runner", command: { type: "StartExecution", ...ref } };
    case "FinishExecution":
      return { actor: "system:runner", command: { type: "FinishExecution", ...ref, exitCode: step.exitCode } };
    case "StopExecution": {
      const organization = universe.organizations.find((o) => o.billingAccountNumber === ref.organization);
      return { actor: `github:${organization?.maintainer ?? universe.outsider}`, command: { type: "StopExecution", ...ref } };
    }
  }
}
