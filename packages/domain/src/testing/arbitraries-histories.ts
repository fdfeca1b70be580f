import fc from "fast-check";
import type { Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import type { GitResolution } from "../ports/git.js";
import { userDecider, type UserCommand } from "../user/decider.js";
import { organizationDecider, type OrganizationCommand } from "../organization/decider.js";
import { organizationNameDecider, type ClaimOrganizationName } from "../organization/name-decider.js";
import { projectDecider, type ProjectCommand } from "../project/decider.js";
import { deploymentDecider, type DeploymentCommand } from "../deployment/decider.js";
import { executionDecider, type ExecutionCommand } from "../execution/decider.js";
import type { DeploymentState } from "../deployment/state.js";
import { creditsDecider, type CreditsCommand } from "../credits/decider.js";
import { commitHashArbitrary, ulidArbitrary } from "./arbitraries-primitives.js";
import { defaultScenarioUniverse, type ManifestVariant } from "./arbitraries-scenario-universe.js";

/** What running a list of commands through a decider gave: every accepted event, the final state, each outcome. */
export interface DeciderRun<Command, Event, State, Err> {
  readonly commands: readonly Command[];
  readonly events: readonly Event[];
  readonly state: State;
  readonly outcomes: readonly Either<Err, readonly Event[]>[];
}

/** Decides each command against the state so far and evolves with what it emits (rejections change nothing). */
export function runDecider<Command, Event, State, Err>(
  decider: Decider<Command, Event, State, Err>,
  commands: readonly Command[],
  history: readonly Event[] = [],
): DeciderRun<Command, Event, State, Err> {
  let state = history.reduce(decider.evolve, decider.initialState());
  const events: Event[] = [];
  const outcomes: Either<Err, readonly Event[]>[] = [];
  for (const command of commands) {
    const outcome = decider.decide(command, state);
    outcomes.push(outcome);
    if (outcome._tag === "Right") {
      for (const event of outcome.right) state = decider.evolve(state, event);
      events.push(...outcome.right);
    }
  }
  return { commands, events, state, outcomes };
}

/** Folds events from the decider's initial state. */
export function foldEvents<Event, State>(
  decider: Pick<Decider<unknown, Event, State, unknown>, "initialState" | "evolve">,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** Histories a decider really produces: random command sequences run through it (see `runDecider`). */
export function historyArbitrary<Command, Event, State, Err>(
  decider: Decider<Command, Event, State, Err>,
  command: fc.Arbitrary<Command>,
  constraints: { readonly maxCommands?: number; readonly first?: fc.Arbitrary<Command> } = {},
): fc.Arbitrary<DeciderRun<Command, Event, State, Err>> {
  const first =
    constraints.first === undefined ? fc.constant<readonly Command[]>([]) : constraints.first.map((c): readonly Command[] => [c]);
  return fc
    .tuple(first, fc.array(command, { maxLength: constraints.maxCommands ?? 20, size: "medium" }))
    .map(([head, commands]) => runDecider(decider, [...head, ...commands]));
}

const ORG = "01HQ0000000000000000000ACM";
const OTHER_ORG = "01HQ0000000000000000000GBX";
const PROJECT = "0123456789abcdef0123456789abcdef";
const users = fc.constantFrom("101", "102", "103", "104");
const organizations = fc.oneof({ weight: 9, arbitrary: fc.constant(ORG) }, { weight: 1, arbitrary: fc.constant(OTHER_ORG) });

/** Sign-ups and login changes of a few users. */
export const userHistoryArbitrary = historyArbitrary(
  userDecider,
  fc.record({
    type: fc.constantFrom("SignUpUser" as const, "ChangeUserLogin" as const),
    githubUserId: fc.constant("101"),
    login: fc.constantFrom("alice", "alice2", "Alice"),
  }) as fc.Arbitrary<UserCommand>,
);

/** Claims of one organization name by competing organizations. */
export const organizationNameHistoryArbitrary = historyArbitrary(
  organizationNameDecider,
  organizations.map((organization): ClaimOrganizationName => ({ type: "ClaimOrganizationName", name: "acme", organization })),
);

const repositories = fc.constantFrom(
  "https://github.com/acme/data",
  "https://github.com/acme/data",
  "https://github.com/acme/ops",
  "https://github.com/globex/warehouse",
  "not a url",
);
const installations = fc.constantFrom("1001", "1002");

const createOrganization = fc
  .record({ internalId: ulidArbitrary, owner: users, name: fc.constantFrom("acme", "acme", "acme", "Not Valid") })
  .map((c): OrganizationCommand => ({ type: "CreateOrganization", organization: ORG, ...c }));

/** An organization's life: creation, members and roles, installations and grants, project registrations, id regeneration. */
export const organizationHistoryArbitrary = historyArbitrary(
  organizationDecider,
  fc.oneof(
    createOrganization,
    ulidArbitrary.map((internalId): OrganizationCommand => ({ type: "RegenerateOrganizationId", organization: ORG, internalId })),
    fc
      .record({
        type: fc.constantFrom("AddMember" as const, "ChangeMemberRole" as const),
        githubUserId: users,
        role: fc.constantFrom("owner" as const, "maintainer" as const, "reader" as const),
      })
      .map((c): OrganizationCommand => ({ ...c, organization: ORG })),
    users.map((githubUserId): OrganizationCommand => ({ type: "RemoveMember", organization: ORG, githubUserId })),
    fc.tuple(installations, fc.constantFrom("acme", "acme", "globex")).map(([installationId, account]): OrganizationCommand => ({
      type: "InstallGitHubApp",
      organization: ORG,
      installationId,
      account,
      accountType: "organization",
    })),
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom("GrantRepository" as const, "RevokeRepository" as const), installations, repositories)
        .map(([type, installationId, repositoryUrl]): OrganizationCommand => ({ type, organization: ORG, installationId, repositoryUrl })),
    },
    installations.map((installationId): OrganizationCommand => ({ type: "UninstallGitHubApp", organization: ORG, installationId })),
    fc
      .record({
        projectKey: fc.constantFrom(PROJECT, "fedcba9876543210fedcba9876543210"),
        name: fc.constantFrom("Data", "data!", "Ops", "--"),
        repositoryUrl: fc.constantFrom("https://github.com/acme/data", "https://github.com/acme/ops"),
        rootPath: fc.constantFrom(".", "meltano"),
      })
      .map((c): OrganizationCommand => ({ type: "RegisterProject", organization: ORG, ...c })),
  ),
  { maxCommands: 30, first: createOrganization },
);

const createProject = ulidArbitrary.map((internalId): ProjectCommand => ({
  type: "CreateProject",
  organization: ORG,
  projectKey: PROJECT,
  name: "Data",
  repositoryUrl: "https://github.com/acme/data",
  rootPath: ".",
  internalId,
}));

/** A project's life: creation, id regeneration, its deployment index, secret names. */
export const projectHistoryArbitrary = historyArbitrary(
  projectDecider,
  fc.oneof(
    createProject,
    fc.tuple(organizations, ulidArbitrary).map(([organization, internalId]): ProjectCommand => ({
      type: "RegenerateProjectId",
      organization,
      projectKey: PROJECT,
      internalId,
    })),
    fc.tuple(fc.constantFrom("prod", "staging"), fc.constantFrom("main", "develop")).map(([deployment, gitRev]): ProjectCommand => ({
      type: "AddDeployment",
      organization: ORG,
      projectKey: PROJECT,
      deployment,
      environment: deployment,
      gitRev,
    })),
    fc
      .constantFrom("prod", "staging")
      .map((deployment): ProjectCommand => ({ type: "RemoveDeployment", organization: ORG, projectKey: PROJECT, deployment })),
    fc
      .tuple(fc.boolean(), fc.constantFrom("TOKEN", "PASSWORD"))
      .map(([set, name]): ProjectCommand => ({ type: set ? "SetSecret" : "DeleteSecret", organization: ORG, projectKey: PROJECT, name })),
  ),
  { maxCommands: 25, first: createProject },
);

/** A git resolution of one of the scenario manifests at a random commit. */
export const gitResolutionArbitrary: fc.Arbitrary<GitResolution> = fc
  .tuple(
    commitHashArbitrary,
    fc.constantFrom<ManifestVariant>("base", "base", "changed", "changed", "prod-only", "no-schedules", "invalid"),
  )
  .map(([commit, variant]) => ({
    commit,
    manifest: defaultScenarioUniverse.manifests[variant].manifest,
    manifestErrors: defaultScenarioUniverse.manifests[variant].errors,
  }));

const deploymentRef = { organization: ORG, projectKey: PROJECT, deployment: "prod" };

/** Deployment commands on one deployment: create, redeploys of changing manifests, enable/disable, delete, re-create. */
export const deploymentCommandArbitrary: fc.Arbitrary<DeploymentCommand> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom("prod", "staging", "qa"), gitResolutionArbitrary)
      .map(([environment, resolution]): DeploymentCommand => ({
        type: "CreateDeployment",
        ...deploymentRef,
        environment,
        gitRev: "main",
        resolution,
      })),
  },
  {
    weight: 3,
    arbitrary: fc
      .record({
        trigger: fc.constantFrom("update" as const, "branch-updated" as const),
        force: fc.boolean(),
        preserveGitHash: fc.boolean(),
        resolution: gitResolutionArbitrary,
      })
      .map((c): DeploymentCommand => ({ type: "RedeployDeployment", ...deploymentRef, ...c })),
  },
  { weight: 1, arbitrary: fc.constant<DeploymentCommand>({ type: "DeleteDeployment", ...deploymentRef }) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom("EnableSchedule" as const, "DisableSchedule" as const), fc.constantFrom(...defaultScenarioUniverse.schedules))
      .map(([type, schedule]): DeploymentCommand => ({ type, ...deploymentRef, schedule })),
  },
);

/** A deployment's life as its decider produces it. */
export const deploymentHistoryArbitrary = historyArbitrary(deploymentDecider, deploymentCommandArbitrary, { maxCommands: 30 });

const runnerIds = fc.constantFrom(undefined, "runner-a", "runner-a", "runner-b");

/** Execution commands against deployments drawn from real deployment histories. */
export const executionHistoryArbitrary = fc
  .array(
    deploymentHistoryArbitrary.map((run): DeploymentState => run.state),
    { minLength: 1, maxLength: 3 },
  )
  .chain((deployments) =>
    historyArbitrary(
      executionDecider,
      fc.oneof(
        fc
          .record({
            deploymentState: fc.constantFrom(...deployments),
            schedule: fc.constantFrom(...defaultScenarioUniverse.schedules),
            trigger: fc.constantFrom("adhoc" as const, "scheduled" as const),
            tickId: fc.constantFrom("tick-1", "tick-2"),
          })
          .map(({ trigger, tickId, ...c }): ExecutionCommand => ({
            type: "RequestExecution",
            organization: ORG,
            projectKey: PROJECT,
            executionId: "abcdef0123456789abcdef0123456789",
            deploymentName: "prod",
            trigger,
            ...(trigger === "scheduled" ? { tickId } : {}),
            ...c,
          })),
        fc
          .tuple(fc.constantFrom("StartExecution" as const, "StopExecution" as const), organizations)
          .map(([type, organization]): ExecutionCommand => ({
            type,
            organization,
            projectKey: PROJECT,
            executionId: "abcdef0123456789abcdef0123456789",
          })),
        fc.tuple(fc.constantFrom(0, 1, 137), runnerIds).map(([exitCode, runnerId]): ExecutionCommand => ({
          type: "FinishExecution",
          organization: ORG,
          projectKey: PROJECT,
          executionId: "abcdef0123456789abcdef0123456789",
          exitCode,
          ...(runnerId === undefined ? {} : { runnerId }),
        })),
        // Runner claims, stop requests and what a runner or a sweep reports (STOPPING, timeouts, vanished runners).
        runnerIds.map((runnerId): ExecutionCommand => ({
          type: "StartExecution",
          organization: ORG,
          projectKey: PROJECT,
          executionId: "abcdef0123456789abcdef0123456789",
          ...(runnerId === undefined ? {} : { runnerId }),
        })),
        fc
          .tuple(
            fc.constantFrom("user-requested" as const, "timed-out" as const, "runner-vanished" as const, "runner-shutdown" as const),
            runnerIds,
          )
          .map(([cause, runnerId]): ExecutionCommand => ({
            type: "ReportExecutionStopped",
            organization: ORG,
            projectKey: PROJECT,
            executionId: "abcdef0123456789abcdef0123456789",
            cause,
            ...(runnerId === undefined ? {} : { runnerId, timeoutSeconds: 60 }),
          })),
      ),
      { maxCommands: 12 },
    ),
  );

const CREDIT_START = Date.parse("2023-08-24T12:00:00.000Z");

/** Credit balances: purchases (valid and refused amounts) and charges of a few executions, some charged again. */
export const creditsHistoryArbitrary = historyArbitrary(
  creditsDecider,
  fc.oneof(
    fc.constantFrom("100", "0.5", "12.125", "0", "-1", "2000000").map((amount): CreditsCommand => ({
      type: "PurchaseCredits",
      organization: ORG,
      amount,
    })),
    fc
      .record({
        executionId: fc.constantFrom("a".repeat(32), "b".repeat(32), "c".repeat(32)),
        trigger: fc.constantFrom("adhoc" as const, "scheduled" as const),
        interval: fc.constantFrom(undefined, "@daily", "@hourly"),
        runtimeMs: fc.integer({ min: 0, max: 3_600_000 }),
      })
      .map(({ executionId, trigger, interval, runtimeMs }): CreditsCommand => ({
        type: "ChargeRun",
        organization: ORG,
        projectKey: PROJECT,
        executionId,
        deployment: "prod",
        schedule: "daily-transforms",
        trigger,
        ...(interval === undefined ? {} : { interval }),
        startedAt: new Date(CREDIT_START).toISOString(),
        endedAt: new Date(CREDIT_START + runtimeMs).toISOString(),
      })),
    fc.constant<CreditsCommand>({ type: "CheckCredits", organization: ORG }),
  ),
);
