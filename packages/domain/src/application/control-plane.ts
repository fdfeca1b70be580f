import type { Either } from "fp-ts/lib/Either.js";
import type { Clock } from "../ports/clock.js";
import type { IdGenerator } from "../ports/ids.js";
import type { GitResolver } from "../ports/git.js";
import type { EventStore } from "../ports/event-store.js";
import type { SecretVault } from "../ports/secret-vault.js";
import { decodeControlPlaneCommand, type ControlPlaneCommand } from "../commands.js";
import { parseActor } from "../authorization/actor.js";
import { DomainErrors } from "../errors.js";
import { boundedText } from "../codec/primitives.js";
import { textProblem } from "../integrity/json-value-guard.js";
import { nobleSha256Hex, type Sha256Hasher } from "../integrity/hash-chain.js";
import type { CommandEnvelope, CommandHandler } from "./command-handler.types.js";
import { createCommandHandler } from "./command-handler.js";
import { createStreamCache } from "./stream-cache.js";
import { prefetchPlan } from "./prefetch-plan.js";
import { Dispatch, rejected, type ControlPlaneFailure, type DispatchSuccess, type Step } from "./dispatch-context.js";
import { createOrganization, organizationCommand, userCommand } from "./flows/identity.js";
import { createProject, deleteSecret, regenerateProjectId, setSecret } from "./flows/projects.js";
import { createDeployment, deleteDeployment, updateDeployment } from "./flows/deployments.js";
import { notifyBranchUpdated } from "./flows/branch-updated.js";
import { setScheduleEnabled } from "./flows/schedules.js";
import { executionLifecycle, requestExecution } from "./flows/executions.js";
import { purchaseCredits } from "./flows/credits.js";
import { notificationCommand } from "./flows/notifications.js";
import { recordDelivery } from "./flows/deliveries.js";
import { deleteState, setState } from "./flows/state.js";
import { claimScheduledTick } from "./flows/scheduled-ticks.js";

export type { ControlPlaneFailure, DispatchSuccess, StreamOutcome } from "./dispatch-context.js";

export interface ControlPlaneOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly git: GitResolver;
  /** Defaults to `createCommandHandler({ store, clock, ids, sha256 })`. */
  readonly handler?: CommandHandler;
  /** SHA-256 for the default handler's chain links (ignored when `handler` is given); default: the portable JavaScript one. */
  readonly sha256?: Sha256Hasher;
  /** Where secret values are kept; without one, values are accepted and dropped (events never hold them either way). */
  readonly vault?: SecretVault;
}

export interface ControlPlane {
  /**
   * Authorizes the actor, loads the context the command needs (organization, project, deployment, git), and runs the
   * target streams' deciders through the command handler. Never throws for bad input: a Left says what was wrong.
   */
  dispatch(envelope: CommandEnvelope<ControlPlaneCommand>): Promise<Either<ControlPlaneFailure, DispatchSuccess>>;
}

/**
 * Command, correlation and causation ids end up in every event's metadata, which stores bound at 200 characters; 180
 * leaves room for the derived ids of follow-up writes (`<command id>:index-<n>`).
 */
const ENVELOPE_ID = boundedText("a non-blank id of at most 180 characters", 180, true);

function envelopeProblem(envelope: CommandEnvelope<unknown>): string | undefined {
  if (!ENVELOPE_ID.is(envelope.commandId)) return "commandId";
  if (envelope.correlationId !== undefined && !ENVELOPE_ID.is(envelope.correlationId)) return "correlationId";
  if (envelope.causationId !== undefined && !ENVELOPE_ID.is(envelope.causationId)) return "causationId";
  return undefined;
}

function route(run: Dispatch, command: ControlPlaneCommand): Step<DispatchSuccess> {
  switch (command.type) {
    case "SignUpUser":
    case "ChangeUserLogin":
      return userCommand(run, command);
    case "CreateOrganization":
      return createOrganization(run, command);
    case "AddMember":
    case "ChangeMemberRole":
    case "RemoveMember":
    case "InstallGitHubApp":
    case "GrantRepository":
    case "RevokeRepository":
    case "UninstallGitHubApp":
    case "RegenerateOrganizationId":
      return organizationCommand(run, command);
    case "CreateProject":
      return createProject(run, command);
    case "RegenerateProjectId":
      return regenerateProjectId(run, command);
    case "SetSecret":
      return setSecret(run, command);
    case "DeleteSecret":
      return deleteSecret(run, command);
    case "CreateDeployment":
      return createDeployment(run, command);
    case "UpdateDeployment":
      return updateDeployment(run, command);
    case "DeleteDeployment":
      return deleteDeployment(run, command);
    case "NotifyBranchUpdated":
      return notifyBranchUpdated(run, command);
    case "EnableSchedule":
    case "DisableSchedule":
      return setScheduleEnabled(run, command);
    case "RunSchedule":
    case "RequestScheduledExecution":
      return requestExecution(run, command);
    case "ClaimScheduledTick":
      return claimScheduledTick(run, command);
    case "StartExecution":
    case "FinishExecution":
    case "StopExecution":
    case "ReportExecutionStopped":
      return executionLifecycle(run, command);
    case "PurchaseCredits":
      return purchaseCredits(run, command);
    case "SetNotification":
    case "UpdateNotification":
    case "DeleteNotification":
      return notificationCommand(run, command);
    case "StartDeliveryAttempt":
    case "RecordDeliveryOutcome":
      return recordDelivery(run, command);
    case "SetState":
      return setState(run, command);
    case "DeleteState":
      return deleteState(run, command);
  }
}

export function createControlPlane(options: ControlPlaneOptions): ControlPlane {
  // One cache for context loads and the handler's own loads: each stream is folded once per process, then extended.
  const cache = createStreamCache();
  const handler =
    options.handler ??
    createCommandHandler({
      store: options.store,
      clock: options.clock,
      ids: options.ids,
      cache,
      ...(options.sha256 ? { sha256: options.sha256 } : {}),
    });
  const ports = {
    store: options.store,
    clock: options.clock,
    ids: options.ids,
    git: options.git,
    handler,
    cache,
    sha256: options.sha256 ?? nobleSha256Hex,
    ...(options.vault ? { vault: options.vault } : {}),
  };
  return {
    async dispatch(envelope) {
      // Typed callers can still pass anything at run time (JSON, fuzzers): the codec has the last word.
      const command = decodeControlPlaneCommand(envelope.command);
      if (command._tag === "Left") return rejected(command.left);
      const badField = envelopeProblem(envelope);
      if (badField !== undefined) {
        return rejected(
          DomainErrors.invalidCommand(badField, ENVELOPE_ID.name, `Envelope field '${badField}' must be ${ENVELOPE_ID.name}.`),
        );
      }
      // These ids go into every event's metadata, which every store refuses with NUL or lone surrogates in it.
      for (const field of ["commandId", "correlationId", "causationId"] as const) {
        const value: unknown = envelope[field];
        if (value === undefined && field !== "commandId") continue;
        if (typeof value !== "string" || value.trim() === "" || value.length > 200 || textProblem(value, field) !== undefined) {
          return rejected(
            DomainErrors.invalidCommand(
              field,
              "a non-empty id of at most 200 characters, without NUL or lone surrogates",
              `Invalid ${field}.`,
            ),
          );
        }
      }
      const actor = parseActor(envelope.actor);
      if (actor._tag === "Left") return rejected(actor.left);
      const run = new Dispatch(ports, { ...envelope, command: command.right }, actor.right);
      await run.prefetch(prefetchPlan(command.right, (organization) => run.adhocExecutionId(organization)));
      return route(run, command.right);
    },
  };
}
