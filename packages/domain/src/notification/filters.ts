import { left, right, type Either } from "fp-ts/lib/Either.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { NotificationOutcome } from "./delivery-job.js";
import { NOTIFICATION_EVENTS, NOTIFICATION_OUTCOMES, type NotificationEventName, type NotificationFilter } from "./vocabulary.js";

/** A filter as a command carries it: any strings, checked against the vocabulary here so the error can be Meltano's. */
export interface RawNotificationFilter {
  readonly events?: readonly string[];
  readonly status?: readonly string[];
}

/** More filters than this cannot be told apart by a reader of `list`; the bound keeps an event small. */
export const MAX_NOTIFICATION_FILTERS = 20;

const isEvent = (value: string): value is NotificationEventName => (NOTIFICATION_EVENTS as readonly string[]).includes(value);
const isOutcome = (value: string): value is NotificationOutcome => (NOTIFICATION_OUTCOMES as readonly string[]).includes(value);
const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * Rule 47: filter events are a subset of {job_run} and statuses a subset of {succeeded, failed, cancelled}, compared
 * case-sensitively ("Failed" is refused, not folded). Repeated values are dropped, keys left out stay out.
 */
export function validateNotificationFilters(filters: readonly RawNotificationFilter[]): Either<DomainError, NotificationFilter[]> {
  if (filters.length > MAX_NOTIFICATION_FILTERS) return left(DomainErrors.notificationFiltersTooMany(filters.length));
  const out: NotificationFilter[] = [];
  for (const filter of filters) {
    const badEvents = (filter.events ?? []).filter((value) => !isEvent(value));
    if (badEvents.length > 0) return left(DomainErrors.notificationFilterUnsupported("events", filter.events ?? []));
    const badStatus = (filter.status ?? []).filter((value) => !isOutcome(value));
    if (badStatus.length > 0) return left(DomainErrors.notificationFilterUnsupported("status", filter.status ?? []));
    out.push({
      ...(filter.events === undefined ? {} : { events: unique(filter.events.filter(isEvent)) }),
      ...(filter.status === undefined ? {} : { status: unique(filter.status.filter(isOutcome)) }),
    });
  }
  return right(out);
}

/**
 * Rule 48: filters combine with OR, the keys of one filter with AND. No filter at all means every outcome (Meltano
 * Cloud lists such a notification with filters "N/A"); a key given as an empty list matches nothing.
 */
export function notificationMatches(
  filters: readonly NotificationFilter[],
  outcome: { readonly event: NotificationEventName; readonly status: NotificationOutcome },
): boolean {
  if (filters.length === 0) return true;
  return filters.some(
    (filter) =>
      (filter.events === undefined || filter.events.includes(outcome.event)) &&
      (filter.status === undefined || filter.status.includes(outcome.status)),
  );
}
