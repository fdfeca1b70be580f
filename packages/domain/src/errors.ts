import { echo } from "./echo.js";
import { escapeForDisplay } from "./naming/safe-text.js";
import type { ManifestError } from "./manifest/types.js";
import type { Role } from "./codec/primitives.js";
import type { GitResolveError } from "./ports/git.js";

/** What each error code carries besides its human message. */
interface ErrorDetails {
  "invalid-command": { readonly field: string; readonly expected: string };
  forbidden: { readonly actor: string; readonly reason: string };
  "not-a-member": { readonly organization: string; readonly actor: string };
  "insufficient-role": { readonly organization: string; readonly actor: string; readonly role: Role; readonly requiredRole: Role };
  "user-not-found": { readonly githubUserId: string };
  "organization-not-found": { readonly organization: string };
  "organization-already-exists": { readonly organization: string };
  "organization-name-invalid": { readonly name: string; readonly reason: string };
  "organization-name-taken": { readonly name: string };
  "member-already-exists": { readonly organization: string; readonly githubUserId: string };
  "member-not-found": { readonly organization: string; readonly githubUserId: string };
  "last-owner": { readonly organization: string; readonly githubUserId: string };
  "installation-already-exists": { readonly organization: string; readonly installationId: string };
  "installation-not-found": { readonly organization: string; readonly installationId: string };
  "repository-url-invalid": { readonly repositoryUrl: string; readonly reason: string };
  "repository-not-in-installation": { readonly repositoryUrl: string; readonly installationId: string; readonly account: string };
  "repository-not-granted": { readonly organization: string; readonly repositoryUrl: string };
  "project-name-invalid": { readonly name: string };
  "project-name-taken": { readonly name: string; readonly slug: string };
  "project-already-exists": { readonly repositoryUrl: string; readonly rootPath: string };
  "project-not-found": { readonly organization: string; readonly projectKey: string };
  "root-path-invalid": { readonly rootPath: string; readonly reason: string };
  "secret-not-found": { readonly projectKey: string; readonly name: string };
  "deployment-name-required": Record<never, never>;
  "deployment-already-exists": { readonly deployment: string };
  "deployment-not-found": { readonly deployment: string; readonly operation: "update" | "delete" };
  "deployment-up-to-date": { readonly deployment: string };
  "git-resolution-failed": { readonly reason: GitResolveError["kind"]; readonly detail: string };
  "manifest-invalid": { readonly commit: string; readonly errors: readonly ManifestError[] };
  "environment-not-found": { readonly environment: string; readonly commit: string };
  "no-schedules": { readonly commit: string };
  "schedule-not-found": { readonly deployment: string; readonly schedule: string };
  "schedule-not-enabled": { readonly deployment: string; readonly schedule: string };
  "tick-not-due": { readonly deployment: string; readonly schedule: string; readonly tickId: string; readonly reason: string };
  "execution-not-found": { readonly executionId: string };
  "execution-already-exists": { readonly executionId: string };
  "execution-already-stopped": { readonly executionId: string };
  "execution-not-running": { readonly executionId: string; readonly status: string };
  "execution-claimed": { readonly executionId: string; readonly runnerId?: string };
  "invalid-credit-amount": { readonly amount: string; readonly reason: string };
  "credits-exhausted": { readonly organization: string; readonly balance: string };
  "notification-recipient-invalid": { readonly notificationType: "webhook" | "email"; readonly recipient: string; readonly reason: string };
  "notification-filter-unsupported": { readonly key: "events" | "status"; readonly values: readonly string[] };
  "notification-filters-too-many": { readonly count: number };
  "notification-not-found": { readonly notificationType: "webhook" | "email"; readonly recipient: string };
  "notification-already-exists": { readonly recipient: string };
  "delivery-settled": { readonly idempotencyKey: string; readonly status: "delivered" | "given-up" };
  "delivery-attempt-out-of-order": { readonly idempotencyKey: string; readonly attempt: number; readonly expected: number };
  "delivery-mismatch": { readonly idempotencyKey: string };
  "state-invalid": { readonly reason: string };
  "state-not-found": { readonly stateId: string };
}

export type DomainErrorCode = keyof ErrorDetails;

/** Every rejection the domain can give: a kebab-case `code` to branch on, a human `message`, and the facts behind it. */
export type DomainError = {
  [C in DomainErrorCode]: { readonly code: C; readonly message: string } & ErrorDetails[C];
}[DomainErrorCode];

export type DomainErrorOf<C extends DomainErrorCode> = Extract<DomainError, { readonly code: C }>;

function make<C extends DomainErrorCode>(code: C, message: string, details: ErrorDetails[C]): DomainErrorOf<C> {
  return { code, message, ...details } as unknown as DomainErrorOf<C>;
}

/** A project can have thousands of problems; the message lists the first ones (all are in `errors`). */
const LISTED_MANIFEST_ERRORS = 20;
/** Reasons are our own sentences quoting at most an echoed value; the bound only guards callers that pass raw input. */
const REASON_LIMIT = 1000;

/** Constructors; messages reuse Meltano Cloud's own texts where it has one. */
export const DomainErrors = {
  invalidCommand: (field: string, expected: string, message: string) => make("invalid-command", message, { field, expected }),
  forbidden: (actor: string, reason: string) =>
    make("forbidden", `Actor '${echo(actor)}' may not do this: ${echo(reason, REASON_LIMIT)}.`, { actor, reason }),
  notAMember: (organization: string, actor: string) =>
    make("not-a-member", `Actor '${echo(actor)}' is not a member of organization '${echo(organization)}'.`, { organization, actor }),
  insufficientRole: (organization: string, actor: string, role: Role, requiredRole: Role) =>
    make(
      "insufficient-role",
      `Actor '${echo(actor)}' has role '${role}' in organization '${echo(organization)}'; this needs role '${requiredRole}'.`,
      { organization, actor, role, requiredRole },
    ),
  userNotFound: (githubUserId: string) =>
    make("user-not-found", `No user has signed up with GitHub user id ${echo(githubUserId)}.`, { githubUserId }),
  organizationNotFound: (organization: string) =>
    make("organization-not-found", `Organization '${echo(organization)}' does not exist.`, { organization }),
  organizationAlreadyExists: (organization: string) =>
    make("organization-already-exists", `An organization with billing account number '${echo(organization)}' already exists.`, {
      organization,
    }),
  organizationNameInvalid: (name: string, reason: string) =>
    make("organization-name-invalid", `Invalid organization name '${echo(name)}': ${echo(reason, REASON_LIMIT)}.`, { name, reason }),
  organizationNameTaken: (name: string) =>
    make("organization-name-taken", `An organization named '${echo(name)}' already exists.`, { name }),
  memberAlreadyExists: (organization: string, githubUserId: string) =>
    make("member-already-exists", `User ${echo(githubUserId)} is already a member of organization '${echo(organization)}'.`, {
      organization,
      githubUserId,
    }),
  memberNotFound: (organization: string, githubUserId: string) =>
    make("member-not-found", `User ${echo(githubUserId)} is not a member of organization '${echo(organization)}'.`, {
      organization,
      githubUserId,
    }),
  lastOwner: (organization: string, githubUserId: string) =>
    make("last-owner", `User ${echo(githubUserId)} is the last owner of organization '${echo(organization)}'; add another owner first.`, {
      organization,
      githubUserId,
    }),
  installationAlreadyExists: (organization: string, installationId: string) =>
    make("installation-already-exists", `GitHub App installation ${echo(installationId)} is already linked to this organization.`, {
      organization,
      installationId,
    }),
  installationNotFound: (organization: string, installationId: string) =>
    make("installation-not-found", `GitHub App installation ${echo(installationId)} is not linked to this organization.`, {
      organization,
      installationId,
    }),
  repositoryUrlInvalid: (repositoryUrl: string, reason: string) =>
    make("repository-url-invalid", `Invalid repository URL '${echo(repositoryUrl)}': ${echo(reason, REASON_LIMIT)}.`, {
      repositoryUrl,
      reason,
    }),
  repositoryNotInInstallation: (repositoryUrl: string, installationId: string, account: string) =>
    make(
      "repository-not-in-installation",
      `Repository '${echo(repositoryUrl)}' does not belong to GitHub account '${echo(account)}' of installation ${echo(installationId)}.`,
      { repositoryUrl, installationId, account },
    ),
  repositoryNotGranted: (organization: string, repositoryUrl: string) =>
    make(
      "repository-not-granted",
      `The Meltano Cloud GitHub App has no access to repository '${echo(repositoryUrl)}'. Grant it to the organization first.`,
      { organization, repositoryUrl },
    ),
  projectNameInvalid: (name: string) =>
    make("project-name-invalid", `Invalid project name '${echo(name)}': it must contain at least one letter or digit.`, { name }),
  projectNameTaken: (name: string, slug: string) =>
    make("project-name-taken", `A project named '${echo(name)}' (normalized to '${echo(slug)}') already exists.`, { name, slug }),
  projectAlreadyExists: (repositoryUrl: string, rootPath: string) =>
    make("project-already-exists", `A project for repository '${echo(repositoryUrl)}' at root path '${echo(rootPath)}' already exists.`, {
      repositoryUrl,
      rootPath,
    }),
  projectNotFound: (organization: string, projectKey: string) =>
    make("project-not-found", `Project '${echo(projectKey)}' does not exist in organization '${echo(organization)}'.`, {
      organization,
      projectKey,
    }),
  rootPathInvalid: (rootPath: string, reason: string) =>
    make("root-path-invalid", `Invalid project root path: ${echo(reason, REASON_LIMIT)}.`, { rootPath, reason }),
  secretNotFound: (projectKey: string, name: string) =>
    make("secret-not-found", `No config item named '${echo(name)}' is set for this project.`, { projectKey, name }),
  deploymentNameRequired: () =>
    make(
      "deployment-name-required",
      "A deployment name is required. Please specify one with the '--deployment' option, or specify a default deployment by " +
        "running 'meltano cloud deployment use'.",
      {},
    ),
  deploymentAlreadyExists: (deployment: string) =>
    make(
      "deployment-already-exists",
      `Deployment '${echo(deployment)}' already exists. Use \`meltano cloud deployment update\` to update an existing ` +
        `Meltano Cloud deployment.`,
      { deployment },
    ),
  deploymentNotFound: (deployment: string, operation: "update" | "delete") =>
    make(
      "deployment-not-found",
      operation === "update"
        ? `Deployment '${echo(deployment)}' does not exist. Use \`meltano cloud deployment create\` to create a new Meltano ` +
            `Cloud deployment.`
        : `Deployment '${echo(deployment)}' does not exist.`,
      { deployment, operation },
    ),
  deploymentUpToDate: (deployment: string) =>
    make(
      "deployment-up-to-date",
      "Deployment already up-to-date. No changes to the Meltano manifest were detected. Use the '--force' option to perform " +
        "an update anyway.",
      { deployment },
    ),
  gitResolutionFailed: (reason: DomainErrorOf<"git-resolution-failed">["reason"], detail: string) =>
    make("git-resolution-failed", detail, { reason, detail }),
  manifestInvalid: (commit: string, errors: readonly ManifestError[]) =>
    make(
      "manifest-invalid",
      `The Meltano project at commit ${commit.slice(0, 7)} is invalid (try running \`meltano compile\`): ${errors
        .slice(0, LISTED_MANIFEST_ERRORS)
        .map((e) => `${echo(e.file)}: ${echo(e.path)}: ${e.message}`)
        .join("; ")}${errors.length > LISTED_MANIFEST_ERRORS ? `; and ${errors.length - LISTED_MANIFEST_ERRORS} more` : ""}`,
      { commit, errors },
    ),
  environmentNotFound: (environment: string, commit: string) =>
    make("environment-not-found", `Environment '${echo(environment)}' is not defined in meltano.yml at commit ${commit.slice(0, 7)}.`, {
      environment,
      commit,
    }),
  noSchedules: (commit: string) =>
    make("no-schedules", `The Meltano project at commit ${commit.slice(0, 7)} defines no schedules; at least one is needed to deploy.`, {
      commit,
    }),
  scheduleNotFound: (deployment: string, schedule: string) =>
    make("schedule-not-found", `Unable to find schedule named '${echo(schedule)}' within a deployment named '${echo(deployment)}'`, {
      deployment,
      schedule,
    }),
  scheduleNotEnabled: (deployment: string, schedule: string) =>
    make(
      "schedule-not-enabled",
      `Schedule '${echo(schedule)}' is not enabled in deployment '${echo(deployment)}'; it has no scheduled runs.`,
      {
        deployment,
        schedule,
      },
    ),
  tickNotDue: (deployment: string, schedule: string, tickId: string, reason: string) =>
    make(
      "tick-not-due",
      `Tick '${echo(tickId)}' is not a due tick of schedule '${echo(schedule)}' in deployment '${echo(deployment)}': ${reason}.`,
      { deployment, schedule, tickId, reason },
    ),
  executionNotFound: (executionId: string) =>
    make("execution-not-found", `Execution '${echo(executionId)}' does not exist.`, { executionId }),
  executionAlreadyExists: (executionId: string) =>
    make("execution-already-exists", `Execution '${echo(executionId)}' already exists; choose another execution id.`, { executionId }),
  executionAlreadyStopped: (executionId: string) => make("execution-already-stopped", "Execution is already stopped", { executionId }),
  executionClaimed: (executionId: string, runnerId: string | undefined) =>
    make(
      "execution-claimed",
      runnerId === undefined
        ? `Execution '${echo(executionId)}' was started by a member in person, not by a runner.`
        : `Execution '${echo(executionId)}' is claimed by runner '${echo(runnerId)}'.`,
      { executionId, ...(runnerId === undefined ? {} : { runnerId }) },
    ),
  executionNotRunning: (executionId: string, status: string) =>
    make("execution-not-running", `Execution '${echo(executionId)}' is ${status}, so it cannot do that.`, { executionId, status }),
  invalidCreditAmount: (amount: string, reason: string) =>
    make("invalid-credit-amount", `Invalid amount of credits '${echo(amount)}': ${echo(reason, REASON_LIMIT)}.`, { amount, reason }),
  creditsExhausted: (organization: string, balance: string) =>
    make(
      "credits-exhausted",
      `Organization '${echo(organization)}' has used up its credits (balance ${balance}); no pipeline runs until more are purchased.`,
      { organization, balance },
    ),
  notificationRecipientInvalid: (notificationType: "webhook" | "email", recipient: string, reason: string) =>
    make("notification-recipient-invalid", `Invalid ${notificationType} value: ${echo(reason, REASON_LIMIT)}.`, {
      notificationType,
      recipient,
      reason,
    }),
  notificationFilterUnsupported: (key: "events" | "status", values: readonly string[]) =>
    make(
      "notification-filter-unsupported",
      key === "events"
        ? `Some events not supported. Supported events: {'job_run'}, events: ${pythonList(values)}`
        : `Some status not supported. Supported status: {'succeeded', 'failed', 'cancelled'}, status: ${pythonList(values)}`,
      { key, values },
    ),
  notificationFiltersTooMany: (count: number) =>
    make("notification-filters-too-many", `A notification takes at most 20 filters, got ${count}.`, { count }),
  notificationNotFound: (notificationType: "webhook" | "email", recipient: string) =>
    make("notification-not-found", `No ${notificationType} notification for '${echo(recipient)}' exists in this scope.`, {
      notificationType,
      recipient,
    }),
  notificationAlreadyExists: (recipient: string) =>
    make("notification-already-exists", `A notification for '${echo(recipient)}' already exists in this scope.`, { recipient }),
  deliverySettled: (idempotencyKey: string, status: "delivered" | "given-up") =>
    make(
      "delivery-settled",
      `Delivery ${idempotencyKey} is already ${status === "delivered" ? "delivered" : "given up"}; it is not attempted again.`,
      { idempotencyKey, status },
    ),
  deliveryAttemptOutOfOrder: (idempotencyKey: string, attempt: number, expected: number) =>
    make(
      "delivery-attempt-out-of-order",
      `Delivery ${idempotencyKey}: attempt ${attempt} is out of order (the current attempt is ${expected}).`,
      { idempotencyKey, attempt, expected },
    ),
  deliveryMismatch: (idempotencyKey: string) =>
    make("delivery-mismatch", `Delivery ${idempotencyKey} was recorded for another organization, project, execution or channel.`, {
      idempotencyKey,
    }),
  /** Meltano raises a bare InvalidStateError here; this one says what is wrong with the file. */
  stateInvalid: (reason: string) => make("state-invalid", `Invalid state: ${reason}.`, { reason }),
  stateNotFound: (stateId: string) => make("state-not-found", `No state found for ${echo(stateId)}`, { stateId }),
} as const;

/** `['a', 'b']`, as Meltano Cloud's Python messages print a list (each value echoed, at most 10 of them). */
function pythonList(values: readonly string[]): string {
  const shown = values.slice(0, 10).map((v) => `'${escapeForDisplay(echo(v, 50).replace(/\\/g, "\\\\").replace(/'/g, "\\'"))}'`);
  return `[${shown.join(", ")}${values.length > 10 ? ", ..." : ""}]`;
}
