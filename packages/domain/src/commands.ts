import * as t from "io-ts";
import { isLeft, left, right, type Either } from "fp-ts/lib/Either.js";
import { echo } from "./echo.js";
import {
  BillingAccountNumber as Org,
  ExecutionId,
  ExitCode,
  GithubAccountType,
  GithubLogin,
  GithubUserId,
  InstallationId,
  EnvironmentName,
  GithubAccountText,
  boundedText,
  displayTextCodecs,
  NameText,
  ProjectKey,
  RevisionText,
  Role,
  SecretName,
  SecretValue,
  UrlText,
  codecProblems,
  struct,
  structShapes,
} from "./codec/primitives.js";
import { RunnerId, StopCause, TimeoutSeconds } from "./execution/events.js";
import { describeDecodeErrors, formatDecodeProblem } from "./codec/decode-error.js";
import { DeliveryAttempt, DeliveryErrorText, HttpStatusCode, deliveryRef } from "./delivery/events.js";
import { DomainErrors, type DomainErrorOf } from "./errors.js";
import { textProblem } from "./integrity/json-value-guard.js";
import { unsafeDisplayTextProblem } from "./naming/safe-text.js";
import { StateId } from "./state/state-id.js";
import { StateInputCodec } from "./state/state-content.js";

/*
 * The command catalog. Commands address entities by stable keys only: an organization by billing account number, a
 * project by project key, a deployment by (project key, name), an execution by execution id. Names a user types
 * (deployment, schedule) are plain strings here; the domain normalizes them and answers with Meltano's own errors.
 */

function command<Type extends string, R extends t.Props, O extends t.Props>(type: Type, required: R, optional: O) {
  return struct(type, { type: t.literal(type), ...required }, optional);
}

const inOrg = { organization: Org };

/** Filters as a person typed them: checked against rule 47's vocabulary by the domain, which names what it refused. */
const filterText = boundedText("a filter value of at most 100 characters", 100, false);
const RawNotificationFilter = struct("NotificationFilter", {}, { events: t.array(filterText), status: t.array(filterText) });
const RecipientText = boundedText("a recipient of at most 4096 characters", 4096, true);
const NotificationTypeText = t.keyof({ webhook: null, email: null }, "NotificationType");
/** A scope is the organization, or the project when `projectKey` is given (rule 46). */
const onRecipient = { organization: Org, notificationType: NotificationTypeText, recipient: RecipientText };
const inProject = { organization: Org, projectKey: ProjectKey };

export const commandCodecs = {
  SignUpUser: command("SignUpUser", { githubUserId: GithubUserId, login: GithubLogin }, {}),
  ChangeUserLogin: command("ChangeUserLogin", { githubUserId: GithubUserId, login: GithubLogin }, {}),

  /** `billingAccountNumber` is issued by the application layer when absent; `owner` defaults to the acting user. */
  CreateOrganization: command("CreateOrganization", { name: NameText }, { billingAccountNumber: Org, owner: GithubUserId }),
  AddMember: command("AddMember", { ...inOrg, githubUserId: GithubUserId, role: Role }, {}),
  ChangeMemberRole: command("ChangeMemberRole", { ...inOrg, githubUserId: GithubUserId, role: Role }, {}),
  RemoveMember: command("RemoveMember", { ...inOrg, githubUserId: GithubUserId }, {}),
  InstallGitHubApp: command(
    "InstallGitHubApp",
    { ...inOrg, installationId: InstallationId, account: GithubAccountText, accountType: GithubAccountType },
    {},
  ),
  GrantRepository: command("GrantRepository", { ...inOrg, installationId: InstallationId, repositoryUrl: UrlText }, {}),
  RevokeRepository: command("RevokeRepository", { ...inOrg, installationId: InstallationId, repositoryUrl: UrlText }, {}),
  UninstallGitHubApp: command("UninstallGitHubApp", { ...inOrg, installationId: InstallationId }, {}),
  RegenerateOrganizationId: command("RegenerateOrganizationId", inOrg, {}),

  CreateProject: command("CreateProject", { ...inOrg, name: NameText, repositoryUrl: UrlText }, { rootPath: UrlText }),
  RegenerateProjectId: command("RegenerateProjectId", inProject, {}),
  /** The value goes to the secret vault port, never into an event. */
  SetSecret: command("SetSecret", { ...inProject, name: SecretName, value: SecretValue }, {}),
  DeleteSecret: command("DeleteSecret", { ...inProject, name: SecretName }, {}),

  CreateDeployment: command("CreateDeployment", { ...inProject, name: NameText, environment: EnvironmentName, gitRev: RevisionText }, {}),
  UpdateDeployment: command("UpdateDeployment", { ...inProject, name: NameText }, { force: t.boolean, preserveGitHash: t.boolean }),
  DeleteDeployment: command("DeleteDeployment", { ...inProject, name: NameText }, {}),
  /** A push to a branch (GitHub webhook): every deployment tracking that branch of that repository is redeployed. */
  NotifyBranchUpdated: command("NotifyBranchUpdated", { ...inOrg, repositoryUrl: UrlText, branch: RevisionText }, {}),

  EnableSchedule: command("EnableSchedule", { ...inProject, deployment: NameText, schedule: NameText }, {}),
  DisableSchedule: command("DisableSchedule", { ...inProject, deployment: NameText, schedule: NameText }, {}),

  /** `executionId` lets the caller pick the id (e.g. from IdGenerator.executionId); absent, it is derived from the command id. */
  RunSchedule: command("RunSchedule", { ...inProject, deployment: NameText, schedule: NameText }, { executionId: ExecutionId }),
  RequestScheduledExecution: command(
    "RequestScheduledExecution",
    { ...inProject, deployment: NameText, schedule: NameText, tickId: boundedText("a tick id of at most 200 characters", 200, true) },
    {},
  ),
  /** `runnerId` claims the execution for that runner: another runner's start, finish or stop report is refused. */
  StartExecution: command("StartExecution", { ...inProject, executionId: ExecutionId }, { runnerId: RunnerId }),
  FinishExecution: command("FinishExecution", { ...inProject, executionId: ExecutionId, exitCode: ExitCode }, { runnerId: RunnerId }),
  /**
   * The scheduler takes a pair's latest due tick before requesting its execution; the ticks it skipped since `since` (the
   * instant the schedule was enabled) or since its previous tick are recorded as missed.
   */
  ClaimScheduledTick: command(
    "ClaimScheduledTick",
    { ...inProject, deployment: NameText, schedule: NameText, tickId: boundedText("a tick id of at most 200 characters", 200, true) },
    { since: boundedText("an ISO instant", 30, true) },
  ),
  /** A user's stop: at once when no runner holds the execution, else a request the holding runner confirms. */
  StopExecution: command("StopExecution", { ...inProject, executionId: ExecutionId }, {}),
  /** A runner reports an execution it stopped (a user's request, its timeout) or a sweep one whose runner vanished. */
  ReportExecutionStopped: command(
    "ReportExecutionStopped",
    { ...inProject, executionId: ExecutionId, cause: StopCause },
    { runnerId: RunnerId, timeoutSeconds: TimeoutSeconds },
  ),

  /** Credits bought for the organization, as typed ("100", "12.5"); the domain checks the amount. */
  PurchaseCredits: command("PurchaseCredits", { ...inOrg, amount: boundedText("an amount of at most 20 characters", 20, true) }, {}),

  /** `signingSecret` (webhooks) goes to the vault port, never into an event, like a secret's value. */
  SetNotification: command(
    "SetNotification",
    { ...onRecipient, filters: t.array(RawNotificationFilter) },
    { projectKey: ProjectKey, signingSecret: SecretValue },
  ),
  /** With `newRecipient` on a webhook, `signingSecret` is the secret to keep under the new recipient. */
  UpdateNotification: command("UpdateNotification", onRecipient, {
    projectKey: ProjectKey,
    newRecipient: RecipientText,
    status: t.keyof({ active: null, inactive: null }, "NotificationStatus"),
    signingSecret: SecretValue,
  }),
  DeleteNotification: command("DeleteNotification", onRecipient, { projectKey: ProjectKey }),

  /** The notification dispatcher's record of one delivery (stream `delivery-<idempotencyKey>`); `projectKey` absent = org scope. */
  StartDeliveryAttempt: command("StartDeliveryAttempt", { ...deliveryRef, attempt: DeliveryAttempt }, { projectKey: ProjectKey }),
  RecordDeliveryOutcome: command(
    "RecordDeliveryOutcome",
    { ...deliveryRef, attempt: DeliveryAttempt, outcome: t.keyof({ delivered: null, failed: null, "given-up": null }, "DeliveryOutcome") },
    { projectKey: ProjectKey, statusCode: HttpStatusCode, error: DeliveryErrorText },
  ),

  /** Rule 52: replaces the bookmark's whole content; a bare `{"singer_state": ...}` is stored under `completed`. */
  SetState: command("SetState", { ...inProject, stateId: StateId, content: StateInputCodec }, {}),
  DeleteState: command("DeleteState", { ...inProject, stateId: StateId }, {}),
} as const;

type Codecs = typeof commandCodecs;
export type ControlPlaneCommandType = keyof Codecs;
export type CommandOf<K extends ControlPlaneCommandType> = t.TypeOf<Codecs[K]>;
export type ControlPlaneCommand = { [K in ControlPlaneCommandType]: CommandOf<K> }[ControlPlaneCommandType];

export const controlPlaneCommandTypes = Object.keys(commandCodecs) as ControlPlaneCommandType[];

function isCommandType(value: unknown): value is ControlPlaneCommandType {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(commandCodecs, value);
}

/**
 * Decodes raw JSON into a command. The `type` tag picks the codec first, so a failure names the one field that is wrong
 * instead of listing every alternative of the union. Values are never echoed (a command may carry a secret).
 */
export function decodeControlPlaneCommand(input: unknown): Either<DomainErrorOf<"invalid-command">, ControlPlaneCommand> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return left(DomainErrors.invalidCommand("(root)", "an object", "A command must be a JSON object."));
  }
  const type = (input as { readonly type?: unknown }).type;
  if (!isCommandType(type)) {
    return left(
      DomainErrors.invalidCommand(
        "type",
        "a command type",
        typeof type === "string" ? `Unknown command type '${echo(type)}'.` : "field 'type' must be a command type",
      ),
    );
  }
  const result = (commandCodecs[type] as t.Decoder<unknown, ControlPlaneCommand>).decode(input);
  if (isLeft(result)) {
    const [problem] = describeDecodeErrors(result.left);
    const field = problem?.field ?? "(root)";
    const expected = problem?.expected ?? type;
    const unsafe =
      unsafeDisplayField(type, input as Record<string, unknown>, field) ?? explainedField(type, input as Record<string, unknown>, field);
    return left(
      DomainErrors.invalidCommand(field, expected, `Invalid ${type} command: ${unsafe ?? formatDecodeProblem({ field, expected })}.`),
    );
  }
  // Every store refuses NUL and lone surrogates (PostgreSQL cannot hold them): refuse them here, before anything runs.
  const unsafe = Object.entries(result.right).find(([, value]) => typeof value === "string" && textProblem(value, "") !== undefined)?.[0];
  if (unsafe !== undefined) {
    return left(
      DomainErrors.invalidCommand(
        unsafe,
        "text without NUL characters or lone surrogates",
        `Invalid ${type} command: field '${echo(unsafe)}' contains a NUL character or a lone surrogate.`,
      ),
    );
  }
  return right(result.right);
}

/**
 * "field 'name' contains U+001B (an escape character)" when a display-text field failed because of a control or bidi
 * character: naming the code point (never the character itself) tells the user what to remove.
 */
function unsafeDisplayField(type: ControlPlaneCommandType, input: Record<string, unknown>, field: string): string | undefined {
  const shape = structShapes.get(commandCodecs[type]);
  const codec = shape?.required[field] ?? shape?.optional[field];
  const value = Object.prototype.hasOwnProperty.call(input, field) ? input[field] : undefined;
  if (codec === undefined || !displayTextCodecs.has(codec) || typeof value !== "string") return undefined;
  return unsafeDisplayTextProblem(value, `field '${field}'`);
}

/** What a codec that explains its refusals (state ids, state content) says about a top-level field's value. */
function explainedField(type: ControlPlaneCommandType, input: Record<string, unknown>, field: string): string | undefined {
  const shape = structShapes.get(commandCodecs[type]);
  const codec = shape?.required[field] ?? shape?.optional[field];
  const explain = codec === undefined ? undefined : codecProblems.get(codec);
  const value = Object.prototype.hasOwnProperty.call(input, field) ? input[field] : undefined;
  const problem = explain?.(value);
  return problem === undefined ? undefined : `field '${field}': ${problem}`;
}

/** The codec of the whole catalog (a tagged union), for embedders that compose io-ts codecs. */
export const controlPlaneCommandCodec = new t.Type<ControlPlaneCommand, ControlPlaneCommand, unknown>(
  "ControlPlaneCommand",
  (u): u is ControlPlaneCommand =>
    typeof u === "object" &&
    u !== null &&
    isCommandType((u as { type?: unknown }).type) &&
    commandCodecs[(u as { type: ControlPlaneCommandType }).type].is(u),
  (u, c) => {
    if (typeof u !== "object" || u === null || Array.isArray(u)) return t.failure(u, c, "A command must be a JSON object.");
    const type = (u as { type?: unknown }).type;
    if (!isCommandType(type)) return t.failure(type, [...c, { key: "type", type: t.string, actual: u }], "unknown command type");
    return (commandCodecs[type] as t.Type<ControlPlaneCommand, unknown, unknown>).validate(u, c);
  },
  (a) => (commandCodecs[a.type] as t.Type<ControlPlaneCommand, ControlPlaneCommand, unknown>).encode(a),
);
