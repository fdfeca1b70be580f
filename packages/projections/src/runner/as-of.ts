import type { RecordedEvent } from "@cloud-ledger/domain";
import { AsOfError } from "./errors.js";

/** A point in the log's history: a global position, or a time compared with each event's `metadata.occurredAt`. */
export type AsOf = { readonly position: number } | { readonly occurredAt: string };

/**
 * Turns an AsOf into the predicate that ends a replay. "As of time t" is the longest prefix of the log (in global
 * order) whose events all occurred at or before t — a state that really existed, even if clocks of concurrent
 * writers were slightly out of order.
 */
export function stopPredicate(asOf: AsOf): (recorded: RecordedEvent) => boolean {
  if ("position" in asOf) {
    const bound = asOf.position;
    if (!Number.isSafeInteger(bound) || bound < 0) {
      throw new AsOfError(`As-of position must be a non-negative integer, got ${String(bound)}`);
    }
    return (recorded) => recorded.globalPosition > bound;
  }
  const bound = parseInstant(asOf.occurredAt);
  return (recorded) => {
    const at = Date.parse(recorded.metadata.occurredAt);
    return Number.isNaN(at) || at > bound;
  };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO-8601 instant with an explicit offset; AsOfError otherwise. */
export function parseInstant(text: string): number {
  const millis = ISO_INSTANT.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(millis)) {
    throw new AsOfError(`As-of time must be an ISO-8601 instant with a zone (e.g. 2023-05-30T16:52:44Z), got '${text}'`);
  }
  return millis;
}
