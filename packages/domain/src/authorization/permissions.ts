import type { Role } from "../codec/primitives.js";
import type { ControlPlaneCommandType } from "../commands.js";

export type Permission =
  | "read"
  | "manage-members"
  | "manage-projects"
  | "manage-billing"
  | "manage-installations"
  | "manage-deployments"
  | "manage-schedules"
  | "run-executions"
  | "report-executions"
  | "manage-secrets"
  | "manage-notifications"
  | "manage-state";

/**
 * Owner manages members, projects and billing (and everything a maintainer does); maintainer deployments, schedules,
 * runs, secrets, notifications and state, and may report what a runner did with an execution; reader only reads.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  reader: new Set<Permission>(["read"]),
  maintainer: new Set<Permission>([
    "read",
    "manage-deployments",
    "manage-schedules",
    "run-executions",
    "report-executions",
    "manage-secrets",
    "manage-notifications",
    "manage-state",
  ]),
  owner: new Set<Permission>([
    "read",
    "manage-deployments",
    "manage-schedules",
    "run-executions",
    "report-executions",
    "manage-secrets",
    "manage-notifications",
    "manage-state",
    "manage-members",
    "manage-projects",
    "manage-billing",
    "manage-installations",
  ]),
};

const ROLES_BY_RANK: readonly Role[] = ["reader", "maintainer", "owner"];

/** The least role that holds a permission. */
export function requiredRoleFor(permission: Permission): Role {
  return ROLES_BY_RANK.find((role) => ROLE_PERMISSIONS[role].has(permission)) ?? "owner";
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/**
 * Who may issue each command: members holding a permission, the platform (`system:*` actors), or both.
 * `self` commands concern the acting person's own identity.
 */
export interface CommandPolicy {
  readonly member?: Permission;
  readonly system: boolean;
  /** When set, only these platform actors (`system:<name>`) may issue it: a run's reports are the runner's alone. */
  readonly systemNames?: readonly string[];
  readonly self?: true;
}

export const COMMAND_POLICIES: Readonly<Record<ControlPlaneCommandType, CommandPolicy>> = {
  SignUpUser: { self: true, system: true },
  ChangeUserLogin: { self: true, system: true },
  CreateOrganization: { self: true, system: true },
  AddMember: { member: "manage-members", system: false },
  ChangeMemberRole: { member: "manage-members", system: false },
  RemoveMember: { member: "manage-members", system: false },
  // GitHub delivers installation changes by webhook, so the platform records them as well as owners.
  InstallGitHubApp: { member: "manage-installations", system: true },
  GrantRepository: { member: "manage-installations", system: true },
  RevokeRepository: { member: "manage-installations", system: true },
  UninstallGitHubApp: { member: "manage-installations", system: true },
  // Internal ids "may change at any time without notice": the platform may regenerate them, and so may an owner.
  RegenerateOrganizationId: { member: "manage-billing", system: true },
  CreateProject: { member: "manage-projects", system: false },
  RegenerateProjectId: { member: "manage-projects", system: true },
  SetSecret: { member: "manage-secrets", system: false },
  DeleteSecret: { member: "manage-secrets", system: false },
  CreateDeployment: { member: "manage-deployments", system: false },
  UpdateDeployment: { member: "manage-deployments", system: false },
  DeleteDeployment: { member: "manage-deployments", system: false },
  NotifyBranchUpdated: { system: true },
  EnableSchedule: { member: "manage-schedules", system: false },
  DisableSchedule: { member: "manage-schedules", system: false },
  RunSchedule: { member: "run-executions", system: false },
  RequestScheduledExecution: { system: true, systemNames: ["scheduler"] },
  ClaimScheduledTick: { system: true, systemNames: ["scheduler"] },
  // Runner reports: the platform's runners, or a member trusted to run executions reporting in person (a self-hosted
  // runner); the event keeps whoever reported, so the audit trail names them. A reader may not.
  StartExecution: { member: "report-executions", system: true, systemNames: ["runner"] },
  FinishExecution: { member: "report-executions", system: true, systemNames: ["runner"] },
  StopExecution: { member: "run-executions", system: true },
  ReportExecutionStopped: { member: "report-executions", system: true, systemNames: ["runner"] },
  // Beta credits are bought through sales: an owner records the purchase, or the billing system does.
  PurchaseCredits: { member: "manage-billing", system: true, systemNames: ["billing"] },
  SetNotification: { member: "manage-notifications", system: false },
  UpdateNotification: { member: "manage-notifications", system: false },
  DeleteNotification: { member: "manage-notifications", system: false },
  // What a delivery attempt did is the dispatcher's to say: nobody reports a webhook as delivered by hand.
  StartDeliveryAttempt: { system: true, systemNames: ["notification-dispatcher"] },
  RecordDeliveryOutcome: { system: true, systemNames: ["notification-dispatcher"] },
  // Bookmarks: members who run pipelines edit them (a backfill); readers may only read them. Runners writing state
  // after a run would be a system actor's job, which this ledger does not model yet.
  SetState: { member: "manage-state", system: false },
  DeleteState: { member: "manage-state", system: false },
};
