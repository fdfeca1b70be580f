import * as t from "io-ts";
import {
  BillingAccountNumber as Org,
  ExecutionId,
  ProjectKey,
  Sha256Hex,
  boundedInteger,
  boundedText,
  struct,
} from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";

export const DeliveryChannel = t.keyof({ webhook: null, email: null }, "DeliveryChannel");
export type DeliveryChannel = t.TypeOf<typeof DeliveryChannel>;

/** Attempts are counted from 1; a dispatcher gives up long before this bound. */
export const MAX_DELIVERY_ATTEMPTS = 100;
/** The most characters of a failure (status line, error, response excerpt) a delivery event keeps. */
export const DELIVERY_ERROR_LIMIT = 500;

export const DeliveryAttempt = boundedInteger(`an attempt number from 1 to ${MAX_DELIVERY_ATTEMPTS}`, 1, MAX_DELIVERY_ATTEMPTS);
export const HttpStatusCode = boundedInteger("an HTTP status code from 100 to 599", 100, 599);
export const DeliveryErrorText = boundedText(`text of at most ${DELIVERY_ERROR_LIMIT} characters`, DELIVERY_ERROR_LIMIT, true);

/** Every delivery event names its delivery (the idempotency key), tenant and execution: audits and filters need no lookup. */
export const deliveryRef = { idempotencyKey: Sha256Hex, organization: Org, executionId: ExecutionId, channel: DeliveryChannel };
export const deliveryRefOptional = { projectKey: ProjectKey };

export const DeliveryAttemptStarted = defineEvent(
  "DeliveryAttemptStarted",
  1,
  struct("DeliveryAttemptStarted", { ...deliveryRef, attempt: DeliveryAttempt }, deliveryRefOptional),
);
export const DeliveryAttemptFailed = defineEvent(
  "DeliveryAttemptFailed",
  1,
  struct(
    "DeliveryAttemptFailed",
    { ...deliveryRef, attempt: DeliveryAttempt, error: DeliveryErrorText },
    { ...deliveryRefOptional, statusCode: HttpStatusCode },
  ),
);
export const NotificationDelivered = defineEvent(
  "NotificationDelivered",
  1,
  struct("NotificationDelivered", { ...deliveryRef, attempt: DeliveryAttempt }, { ...deliveryRefOptional, statusCode: HttpStatusCode }),
);
export const DeliveryGivenUp = defineEvent(
  "DeliveryGivenUp",
  1,
  struct("DeliveryGivenUp", { ...deliveryRef, attempts: DeliveryAttempt }, deliveryRefOptional),
);

export const deliveryEventDefinitions = [DeliveryAttemptStarted, DeliveryAttemptFailed, NotificationDelivered, DeliveryGivenUp] as const;
export type DeliveryEvent = EventOf<typeof deliveryEventDefinitions>;
