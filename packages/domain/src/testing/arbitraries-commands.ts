import fc from "fast-check";
import type { CommandOf, ControlPlaneCommand, ControlPlaneCommandType } from "../commands.js";
import {
  anyTextArbitrary,
  billingAccountNumberArbitrary,
  executionIdArbitrary,
  exitCodeArbitrary,
  githubLoginArbitrary,
  githubUserIdArbitrary,
  installationIdArbitrary,
  nonEmptyTextArbitrary,
  projectKeyArbitrary,
  roleArbitrary,
  secretNameArbitrary,
  sha256HexArbitrary,
  singerStateArbitrary,
  stateContentArbitrary,
  stateIdArbitrary,
} from "./arbitraries-primitives.js";

/*
 * Codec-valid commands of every type: each decodes with `decodeControlPlaneCommand`. They address random keys, so the
 * control plane mostly refuses them (unknown organization, not a member): use them for codec, serialization and
 * hostile-input properties. For sequences that are mostly accepted, see `scenarioStepArbitrary`.
 */

type CommandArbitraries = { readonly [K in ControlPlaneCommandType]: fc.Arbitrary<CommandOf<K>> };

const org = billingAccountNumberArbitrary;
const runnerIdArbitrary = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,20}$/);
const inProject = { organization: org, projectKey: projectKeyArbitrary };
const inDelivery = {
  organization: org,
  idempotencyKey: sha256HexArbitrary,
  executionId: executionIdArbitrary,
  channel: fc.constantFrom("webhook" as const, "email" as const),
};
const attempt = fc.integer({ min: 1, max: 100 });

const onRecipient = {
  organization: org,
  notificationType: fc.constantFrom("webhook" as const, "email" as const),
  recipient: fc.oneof(nonEmptyTextArbitrary, fc.webUrl(), fc.emailAddress()),
};
const filterValue = fc.oneof(fc.constantFrom("job_run", "succeeded", "failed", "cancelled", "Failed"), fc.string({ maxLength: 10 }));
const rawFilter = fc.record(
  { events: fc.array(filterValue, { maxLength: 3 }), status: fc.array(filterValue, { maxLength: 3 }) },
  { requiredKeys: [] },
);

/** Builds a command with its required fields and any subset of its optional ones (omitted, never undefined). */
function commandOf<K extends ControlPlaneCommandType>(
  type: K,
  required: { readonly [field: string]: fc.Arbitrary<unknown> },
  optional: { readonly [field: string]: fc.Arbitrary<unknown> } = {},
): fc.Arbitrary<CommandOf<K>> {
  return fc
    .tuple(fc.record(required), fc.record(optional, { requiredKeys: [] }))
    .map(([req, opt]) => ({ type, ...req, ...opt }) as unknown as CommandOf<K>);
}

/** One arbitrary per command type (the record is complete: a new command type fails to compile until it has one). */
export const commandArbitraries: CommandArbitraries = {
  SignUpUser: commandOf("SignUpUser", { githubUserId: githubUserIdArbitrary, login: githubLoginArbitrary }),
  ChangeUserLogin: commandOf("ChangeUserLogin", { githubUserId: githubUserIdArbitrary, login: githubLoginArbitrary }),
  CreateOrganization: commandOf(
    "CreateOrganization",
    { name: anyTextArbitrary },
    { billingAccountNumber: org, owner: githubUserIdArbitrary },
  ),
  AddMember: commandOf("AddMember", { organization: org, githubUserId: githubUserIdArbitrary, role: roleArbitrary }),
  ChangeMemberRole: commandOf("ChangeMemberRole", { organization: org, githubUserId: githubUserIdArbitrary, role: roleArbitrary }),
  RemoveMember: commandOf("RemoveMember", { organization: org, githubUserId: githubUserIdArbitrary }),
  InstallGitHubApp: commandOf("InstallGitHubApp", {
    organization: org,
    installationId: installationIdArbitrary,
    account: nonEmptyTextArbitrary,
    accountType: fc.constantFrom("organization" as const, "user" as const),
  }),
  GrantRepository: commandOf("GrantRepository", {
    organization: org,
    installationId: installationIdArbitrary,
    repositoryUrl: anyTextArbitrary,
  }),
  RevokeRepository: commandOf("RevokeRepository", {
    organization: org,
    installationId: installationIdArbitrary,
    repositoryUrl: anyTextArbitrary,
  }),
  UninstallGitHubApp: commandOf("UninstallGitHubApp", { organization: org, installationId: installationIdArbitrary }),
  RegenerateOrganizationId: commandOf("RegenerateOrganizationId", { organization: org }),
  CreateProject: commandOf(
    "CreateProject",
    { organization: org, name: anyTextArbitrary, repositoryUrl: anyTextArbitrary },
    { rootPath: anyTextArbitrary },
  ),
  RegenerateProjectId: commandOf("RegenerateProjectId", inProject),
  SetSecret: commandOf("SetSecret", { ...inProject, name: secretNameArbitrary, value: fc.string({ maxLength: 64 }) }),
  DeleteSecret: commandOf("DeleteSecret", { ...inProject, name: secretNameArbitrary }),
  // A bare `{"singer_state": ...}` is a valid input too (rule 52 wraps it).
  SetState: commandOf("SetState", {
    ...inProject,
    stateId: stateIdArbitrary,
    content: fc.oneof(
      stateContentArbitrary,
      singerStateArbitrary.map((s) => ({ singer_state: s })),
    ),
  }),
  DeleteState: commandOf("DeleteState", { ...inProject, stateId: stateIdArbitrary }),
  CreateDeployment: commandOf("CreateDeployment", {
    ...inProject,
    name: anyTextArbitrary,
    environment: nonEmptyTextArbitrary,
    gitRev: nonEmptyTextArbitrary,
  }),
  UpdateDeployment: commandOf(
    "UpdateDeployment",
    { ...inProject, name: anyTextArbitrary },
    { force: fc.boolean(), preserveGitHash: fc.boolean() },
  ),
  DeleteDeployment: commandOf("DeleteDeployment", { ...inProject, name: anyTextArbitrary }),
  NotifyBranchUpdated: commandOf("NotifyBranchUpdated", {
    organization: org,
    repositoryUrl: anyTextArbitrary,
    branch: nonEmptyTextArbitrary,
  }),
  EnableSchedule: commandOf("EnableSchedule", { ...inProject, deployment: anyTextArbitrary, schedule: anyTextArbitrary }),
  DisableSchedule: commandOf("DisableSchedule", { ...inProject, deployment: anyTextArbitrary, schedule: anyTextArbitrary }),
  RunSchedule: commandOf("RunSchedule", { ...inProject, deployment: anyTextArbitrary, schedule: anyTextArbitrary }),
  RequestScheduledExecution: commandOf("RequestScheduledExecution", {
    ...inProject,
    deployment: anyTextArbitrary,
    schedule: anyTextArbitrary,
    tickId: nonEmptyTextArbitrary,
  }),
  StartExecution: commandOf("StartExecution", { ...inProject, executionId: executionIdArbitrary }, { runnerId: runnerIdArbitrary }),
  FinishExecution: commandOf(
    "FinishExecution",
    { ...inProject, executionId: executionIdArbitrary, exitCode: exitCodeArbitrary },
    { runnerId: runnerIdArbitrary },
  ),
  ClaimScheduledTick: commandOf("ClaimScheduledTick", {
    ...inProject,
    deployment: anyTextArbitrary,
    schedule: anyTextArbitrary,
    tickId: nonEmptyTextArbitrary,
  }),
  StopExecution: commandOf("StopExecution", { ...inProject, executionId: executionIdArbitrary }),
  ReportExecutionStopped: commandOf(
    "ReportExecutionStopped",
    {
      ...inProject,
      executionId: executionIdArbitrary,
      cause: fc.constantFrom("user-requested", "timed-out", "runner-vanished", "runner-shutdown"),
    },
    { runnerId: runnerIdArbitrary, timeoutSeconds: fc.integer({ min: 1, max: 86_400 }) },
  ),
  PurchaseCredits: commandOf("PurchaseCredits", {
    organization: org,
    amount: fc.oneof(
      fc.stringMatching(/^[0-9]{1,7}(\.[0-9]{1,3})?$/),
      nonEmptyTextArbitrary.filter((s) => s.length <= 20),
    ),
  }),
  SetNotification: commandOf(
    "SetNotification",
    { ...onRecipient, filters: fc.array(rawFilter, { maxLength: 3 }) },
    { projectKey: projectKeyArbitrary, signingSecret: anyTextArbitrary },
  ),
  UpdateNotification: commandOf("UpdateNotification", onRecipient, {
    projectKey: projectKeyArbitrary,
    newRecipient: nonEmptyTextArbitrary,
    status: fc.constantFrom("active" as const, "inactive" as const),
    signingSecret: anyTextArbitrary,
  }),
  DeleteNotification: commandOf("DeleteNotification", onRecipient, { projectKey: projectKeyArbitrary }),
  StartDeliveryAttempt: commandOf("StartDeliveryAttempt", { ...inDelivery, attempt }, { projectKey: projectKeyArbitrary }),
  RecordDeliveryOutcome: commandOf(
    "RecordDeliveryOutcome",
    { ...inDelivery, attempt, outcome: fc.constantFrom("delivered" as const, "failed" as const, "given-up" as const) },
    { projectKey: projectKeyArbitrary, statusCode: fc.integer({ min: 100, max: 599 }), error: nonEmptyTextArbitrary },
  ),
};

/** Any codec-valid control-plane command, every type equally likely. */
export const controlPlaneCommandArbitrary: fc.Arbitrary<ControlPlaneCommand> = fc.oneof(
  ...(Object.values(commandArbitraries) as fc.Arbitrary<ControlPlaneCommand>[]),
);

/** An actor key as the command envelope carries it: a person (`github:<id>`) or the platform (`system:<name>`). */
export const actorArbitrary: fc.Arbitrary<string> = fc.oneof(
  githubUserIdArbitrary.map((id) => `github:${id}`),
  fc.constantFrom("system:scheduler", "system:github-webhooks", "system:runner"),
);
