import { isLeft, left, right, type Either } from "fp-ts/lib/Either.js";
import { parseLookback } from "./lookback.js";

/** How a schedule or deployment name is matched: exactly, by prefix or by substring (case-sensitive, literal). */
export type NameFilter = { readonly exact: string } | { readonly prefix: string } | { readonly contains: string };
export type ResultFilter = "success" | "failed" | "running";
export const RESULT_FILTERS: readonly ResultFilter[] = ["success", "failed", "running"];

export interface HistoryQuery {
  readonly schedule?: NameFilter;
  readonly deployment?: NameFilter;
  readonly result?: ResultFilter;
  /** Only executions that started at or after this ISO-8601 instant. */
  readonly since?: string;
  /** At most this many rows (newest first). */
  readonly limit?: number;
}

/** The Meltano Cloud CLI's `history` options, as typed on a command line. */
export interface HistoryCliOptions {
  readonly schedule?: string;
  readonly schedulePrefix?: string;
  readonly scheduleContains?: string;
  readonly deployment?: string;
  readonly deploymentPrefix?: string;
  readonly deploymentContains?: string;
  readonly result?: string;
  readonly lookback?: string;
  readonly limit?: number;
}

export type HistoryOptionsErrorCode = "conflicting-filters" | "invalid-lookback" | "invalid-result" | "invalid-limit" | "invalid-now";

export interface HistoryOptionsError {
  readonly code: HistoryOptionsErrorCode;
  readonly message: string;
}

const fail = (code: HistoryOptionsErrorCode, message: string): Either<HistoryOptionsError, never> => left({ code, message });

function nameFilter(
  dimension: "schedule" | "deployment",
  exact: string | undefined,
  prefix: string | undefined,
  contains: string | undefined,
): Either<HistoryOptionsError, NameFilter | undefined> {
  const given = [exact, prefix, contains].filter((v) => v !== undefined).length;
  if (given > 1) {
    // The CLI reuses the schedule wording for deployments; naming the dimension actually at fault is clearer.
    return fail("conflicting-filters", `Only one of --${dimension}, --${dimension}-prefix, or --${dimension}-contains can be specified.`);
  }
  if (exact !== undefined) return right({ exact });
  if (prefix !== undefined) return right({ prefix });
  if (contains !== undefined) return right({ contains });
  return right(undefined);
}

/**
 * Turns CLI-style history options into a HistoryQuery, with the rulebook's error texts (rule 41). `now` (ISO-8601)
 * anchors the lookback: `since = now − lookback`.
 */
export function historyQueryFromCli(options: HistoryCliOptions, now: string): Either<HistoryOptionsError, HistoryQuery> {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) return fail("invalid-now", `'now' must be an ISO-8601 instant, got '${now}'`);
  const schedule = nameFilter("schedule", options.schedule, options.schedulePrefix, options.scheduleContains);
  if (isLeft(schedule)) return schedule;
  const deployment = nameFilter("deployment", options.deployment, options.deploymentPrefix, options.deploymentContains);
  if (isLeft(deployment)) return deployment;
  const query: { -readonly [K in keyof HistoryQuery]: HistoryQuery[K] } = {};
  if (schedule.right !== undefined) query.schedule = schedule.right;
  if (deployment.right !== undefined) query.deployment = deployment.right;
  if (options.result !== undefined) {
    const result = RESULT_FILTERS.find((r) => r === options.result);
    if (result === undefined) {
      return fail("invalid-result", `Invalid value for '--result': '${options.result}' is not one of 'success', 'failed', 'running'.`);
    }
    query.result = result;
  }
  if (options.lookback !== undefined) {
    const lookback = parseLookback(options.lookback);
    if (isLeft(lookback)) return fail("invalid-lookback", lookback.left);
    query.since = new Date(nowMs - lookback.right).toISOString();
  }
  if (options.limit !== undefined) {
    if (!Number.isSafeInteger(options.limit) || options.limit < 1) {
      return fail("invalid-limit", `Invalid value for '--limit': ${String(options.limit)} is not a positive integer.`);
    }
    query.limit = options.limit;
  }
  return right(query);
}

/** A matcher for a NameFilter; a filter object with more than one way set is a caller bug reported by `check`. */
export function nameMatcher(filter: NameFilter | undefined): ((name: string) => boolean) | undefined {
  if (filter === undefined) return undefined;
  if ("exact" in filter) return (name) => name === filter.exact;
  if ("prefix" in filter) return (name) => name.startsWith(filter.prefix);
  return (name) => name.includes(filter.contains);
}
