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
} from "./arbitraries-primitives.js";

/*
 * Codec-valid commands of every type: each decodes with `decodeControlPlaneCommand`. They address random keys, so the
 * control plane mostly refuses them (unknown organization, not a member): use them for codec, serialization and
 * hostile-input properties. For sequences that are mostly accepted, see `scenarioStepArbitrary`.
 */

type CommandArbitraries = { readonly [K in ControlPlaneCommandType]: fc.Arbitrary<CommandOf<K>> };

const org = billingAccountNumberArbitrary;
const inProject = { organization: org, projectKey: projectKeyArbitrary };

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
  ClaimScheduledTick: commandOf("ClaimScheduledTick", {
    ...inProject,
    deployment: anyTextArbitrary,
    schedule: anyTextArbitrary,
    tickId: nonEmptyTextArbitrary,
  }),
  StartExecution: commandOf("StartExecution", { ...inProject, executionId: executionIdArbitrary }),
  FinishExecution: commandOf("FinishExecution", { ...inProject, executionId: executionIdArbitrary, exitCode: exitCodeArbitrary }),
  StopExecution: commandOf("StopExecution", { ...inProject, executionId: executionIdArbitrary }),
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
