import type { FlowTable } from "./flow.js";
import { createOrganizationFlow, organizationFlow, userFlow } from "./flows/identity.js";
import { createProjectFlow, deleteSecretFlow, regenerateProjectIdFlow, setSecretFlow } from "./flows/projects.js";
import { createDeploymentFlow, deleteDeploymentFlow, updateDeploymentFlow } from "./flows/deployments.js";
import { branchUpdatedFlow } from "./flows/branch-updated.js";
import { scheduleToggleFlow } from "./flows/schedules.js";
import { executionLifecycleFlow, requestExecutionFlow } from "./flows/executions.js";
import { purchaseCreditsFlow } from "./flows/credits.js";
import { notificationFlow } from "./flows/notifications.js";
import { deliveryFlow } from "./flows/deliveries.js";
import { deleteStateFlow, setStateFlow } from "./flows/state.js";
import { claimScheduledTickFlow } from "./flows/scheduled-ticks.js";

/** Which flow runs each command type. A flow given as a bare function works, undeclared (see flow.ts). */
export const FLOWS: FlowTable = {
  SignUpUser: userFlow,
  ChangeUserLogin: userFlow,
  CreateOrganization: createOrganizationFlow,
  AddMember: organizationFlow,
  ChangeMemberRole: organizationFlow,
  RemoveMember: organizationFlow,
  InstallGitHubApp: organizationFlow,
  GrantRepository: organizationFlow,
  RevokeRepository: organizationFlow,
  UninstallGitHubApp: organizationFlow,
  RegenerateOrganizationId: organizationFlow,
  CreateProject: createProjectFlow,
  RegenerateProjectId: regenerateProjectIdFlow,
  SetSecret: setSecretFlow,
  DeleteSecret: deleteSecretFlow,
  CreateDeployment: createDeploymentFlow,
  UpdateDeployment: updateDeploymentFlow,
  DeleteDeployment: deleteDeploymentFlow,
  NotifyBranchUpdated: branchUpdatedFlow,
  EnableSchedule: scheduleToggleFlow,
  DisableSchedule: scheduleToggleFlow,
  RunSchedule: requestExecutionFlow,
  RequestScheduledExecution: requestExecutionFlow,
  StartExecution: executionLifecycleFlow,
  FinishExecution: executionLifecycleFlow,
  StopExecution: executionLifecycleFlow,
  ReportExecutionStopped: executionLifecycleFlow,
  ClaimScheduledTick: claimScheduledTickFlow,
  PurchaseCredits: purchaseCreditsFlow,
  SetNotification: notificationFlow,
  UpdateNotification: notificationFlow,
  DeleteNotification: notificationFlow,
  StartDeliveryAttempt: deliveryFlow,
  RecordDeliveryOutcome: deliveryFlow,
  SetState: setStateFlow,
  DeleteState: deleteStateFlow,
};
