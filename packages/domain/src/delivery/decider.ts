import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { DeliveryEvent } from "./events.js";
import type { DeliveryRef, DeliveryState, KnownDelivery } from "./state.js";

export type DeliveryOutcome = "delivered" | "failed" | "given-up";

export type DeliveryCommand =
  | (DeliveryRef & { readonly type: "StartDeliveryAttempt"; readonly attempt: number })
  | (DeliveryRef & {
      readonly type: "RecordDeliveryOutcome";
      readonly attempt: number;
      readonly outcome: DeliveryOutcome;
      readonly statusCode?: number;
      readonly error?: string;
    });

type Result = Either<DomainError, readonly DeliveryEvent[]>;

function refOf(ref: DeliveryRef): DeliveryRef {
  const { idempotencyKey, organization, projectKey, executionId, channel } = ref;
  return { idempotencyKey, organization, ...(projectKey === undefined ? {} : { projectKey }), executionId, channel };
}

const sameDelivery = (a: DeliveryRef, b: DeliveryRef): boolean =>
  a.organization === b.organization && a.projectKey === b.projectKey && a.executionId === b.executionId && a.channel === b.channel;

function start(command: Extract<DeliveryCommand, { type: "StartDeliveryAttempt" }>, state: DeliveryState): Result {
  const attempts = state.status === "none" ? 0 : state.attempts;
  if (state.status === "delivered" || state.status === "given-up") {
    return left(DomainErrors.deliverySettled(command.idempotencyKey, state.status));
  }
  // Recording an attempt that is already recorded changes nothing: a dispatcher retrying its own write is harmless.
  if (command.attempt <= attempts) return right([]);
  if (command.attempt !== attempts + 1)
    return left(DomainErrors.deliveryAttemptOutOfOrder(command.idempotencyKey, command.attempt, attempts + 1));
  return right([{ type: "DeliveryAttemptStarted", data: { ...refOf(command), attempt: command.attempt } }]);
}

function outcome(command: Extract<DeliveryCommand, { type: "RecordDeliveryOutcome" }>, state: KnownDelivery): Result {
  const { attempt, idempotencyKey } = command;
  // Exactly one "delivered" (or "given up") per delivery, however often the outcome is reported.
  if (state.status === "delivered" || state.status === "given-up") {
    if (command.outcome === state.status) return right([]);
    return left(DomainErrors.deliverySettled(idempotencyKey, state.status));
  }
  if (attempt > state.attempts) return left(DomainErrors.deliveryAttemptOutOfOrder(idempotencyKey, attempt, state.attempts));
  if (command.outcome === "failed" && attempt <= state.settledAttempts) return right([]);
  if (attempt !== state.attempts) return left(DomainErrors.deliveryAttemptOutOfOrder(idempotencyKey, attempt, state.attempts));
  const ref = refOf(state);
  const status = command.statusCode === undefined ? {} : { statusCode: command.statusCode };
  if (command.outcome === "delivered") return right([{ type: "NotificationDelivered", data: { ...ref, attempt, ...status } }]);
  const failed: DeliveryEvent = {
    type: "DeliveryAttemptFailed",
    data: { ...ref, attempt, error: command.error ?? "no response", ...status },
  };
  if (command.outcome === "failed") return right([failed]);
  return right([failed, { type: "DeliveryGivenUp", data: { ...ref, attempts: attempt } }]);
}

/**
 * One delivery's record: attempts started one by one, each failed or the last one delivered, or given up after N.
 * Every command is idempotent (an attempt or outcome already recorded records nothing), and a delivery recorded as
 * delivered or given up refuses new attempts: the dispatcher never delivers it again.
 */
export const deliveryDecider: Decider<DeliveryCommand, DeliveryEvent, DeliveryState, DomainError> = {
  initialState: () => ({ status: "none" }),
  decide(command, state) {
    if (state.status !== "none" && (!sameDelivery(state, command) || state.idempotencyKey !== command.idempotencyKey)) {
      return left(DomainErrors.deliveryMismatch(command.idempotencyKey));
    }
    if (command.type === "StartDeliveryAttempt") return start(command, state);
    if (state.status === "none") return left(DomainErrors.deliveryAttemptOutOfOrder(command.idempotencyKey, command.attempt, 0));
    return outcome(command, state);
  },
  evolve(state, event) {
    switch (event.type) {
      case "DeliveryAttemptStarted":
        return {
          ...refOf(event.data),
          status: "pending",
          attempts: event.data.attempt,
          settledAttempts: state.status === "none" ? 0 : state.settledAttempts,
          ...(state.status !== "none" && state.lastError !== undefined ? { lastError: state.lastError } : {}),
        };
      case "DeliveryAttemptFailed":
        return state.status === "none" ? state : { ...state, settledAttempts: event.data.attempt, lastError: event.data.error };
      case "NotificationDelivered":
        return state.status === "none" ? state : { ...state, status: "delivered", settledAttempts: event.data.attempt };
      case "DeliveryGivenUp":
        return state.status === "none" ? state : { ...state, status: "given-up" };
    }
  },
};
