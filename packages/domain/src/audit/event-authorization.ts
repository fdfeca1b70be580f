import type { ControlPlaneCommandType } from "../commands.js";
import type { DomainEventType } from "../events.js";
import type { Actor } from "../authorization/actor.js";
import { authorizeInOrganization, authorizeSelf } from "../authorization/authorize.js";
import type { OrganizationState } from "../organization/state.js";

/**
 * The commands whose flows write each event type. An event is authorized when its actor could have issued at least
 * one of them (COMMAND_POLICIES decides that, the same table the control plane uses), so the audit and dispatch
 * cannot disagree about who may do what.
 */
export const EVENT_COMMANDS: Readonly<Record<DomainEventType, readonly ControlPlaneCommandType[]>> = {
  UserSignedUp: ["SignUpUser"],
  UserLoginChanged: ["ChangeUserLogin"],
  OrganizationCreated: ["CreateOrganization"],
  OrganizationNameClaimed: ["CreateOrganization"],
  OrganizationIdRegenerated: ["RegenerateOrganizationId"],
  MemberAdded: ["AddMember", "CreateOrganization"],
  MemberRoleChanged: ["ChangeMemberRole"],
  MemberRemoved: ["RemoveMember"],
  GitHubAppInstalled: ["InstallGitHubApp"],
  RepositoryGranted: ["GrantRepository"],
  RepositoryRevoked: ["RevokeRepository"],
  GitHubAppUninstalled: ["UninstallGitHubApp"],
  ProjectRegistered: ["CreateProject"],
  ProjectCreated: ["CreateProject"],
  ProjectIdRegenerated: ["RegenerateProjectId"],
  // The project's index of deployments follows every command that changes a deployment.
  ProjectDeploymentAdded: ["CreateDeployment", "UpdateDeployment", "DeleteDeployment", "NotifyBranchUpdated"],
  ProjectDeploymentRemoved: ["CreateDeployment", "UpdateDeployment", "DeleteDeployment", "NotifyBranchUpdated"],
  SecretSet: ["SetSecret"],
  SecretDeleted: ["DeleteSecret"],
  DeploymentCreated: ["CreateDeployment"],
  DeploymentRedeployed: ["UpdateDeployment", "NotifyBranchUpdated"],
  DeploymentDeleted: ["DeleteDeployment"],
  ScheduleEnabled: ["EnableSchedule"],
  ScheduleDisabled: ["DisableSchedule"],
  ExecutionRequested: ["RunSchedule", "RequestScheduledExecution"],
  ExecutionStarted: ["StartExecution"],
  ExecutionFinished: ["FinishExecution"],
  ExecutionStopped: ["StopExecution", "ReportExecutionStopped"],
  ExecutionStopRequested: ["StopExecution"],
  CreditsPurchased: ["PurchaseCredits"],
  // A run's consumption is written with its finish or stop, by whoever reported that.
  CreditsConsumed: ["FinishExecution", "StopExecution", "ReportExecutionStopped"],
  NotificationSet: ["SetNotification"],
  NotificationUpdated: ["UpdateNotification"],
  NotificationDeleted: ["DeleteNotification"],
  DeliveryAttemptStarted: ["StartDeliveryAttempt"],
  DeliveryAttemptFailed: ["RecordDeliveryOutcome"],
  NotificationDelivered: ["RecordDeliveryOutcome"],
  DeliveryGivenUp: ["RecordDeliveryOutcome"],
  StateSet: ["SetState"],
  StateDeleted: ["DeleteState"],
  BranchPushHandled: ["NotifyBranchUpdated"],
  ScheduledTicksMissed: ["ClaimScheduledTick"],
  ScheduledTickClaimed: ["ClaimScheduledTick"],
};

type Data = Readonly<Record<string, unknown>>;

/**
 * Whether `actor` could have written this event given the organization as it stood just before it (global order).
 * Returns why not, or undefined. Self-service events (sign-up, login change, creating an organization) need the
 * person they concern or the platform; the owner's own MemberAdded is part of creating the organization only while
 * the organization has no members yet, so nobody can make themselves an owner of an existing one that way.
 */
export function unauthorizedEvent(
  type: DomainEventType,
  data: Data,
  actor: Actor,
  organization: OrganizationState | undefined,
): string | undefined {
  let reason: string | undefined;
  for (const command of EVENT_COMMANDS[type]) {
    const verdict = authorizeFor(command, type, data, actor, organization ?? { status: "absent" });
    if (verdict === undefined) return undefined;
    reason ??= verdict;
  }
  return reason;
}

function authorizeFor(
  command: ControlPlaneCommandType,
  type: DomainEventType,
  data: Data,
  actor: Actor,
  organization: OrganizationState,
): string | undefined {
  switch (command) {
    case "SignUpUser":
    case "ChangeUserLogin":
      return messageOf(authorizeSelf(command, actor, String(data.githubUserId)));
    case "CreateOrganization":
      if (type === "OrganizationNameClaimed") return undefined;
      if (type === "OrganizationCreated") return messageOf(authorizeSelf(command, actor, String(data.owner)));
      if (organization.status !== "active" || organization.members.size > 0 || data.role !== "owner") {
        return "only the creation of an organization adds a member without a member's authority, and only its first owner";
      }
      return messageOf(authorizeSelf(command, actor, String(data.githubUserId)));
    default:
      return messageOf(authorizeInOrganization(command, actor, String(data.organization), organization));
  }
}

function messageOf(verdict: ReturnType<typeof authorizeSelf>): string | undefined {
  return verdict._tag === "Left" ? verdict.left.message : undefined;
}
