import type { CreditsEvent } from "./events.js";
import type { GrowOnlySet } from "./grow-only-set.js";
import type { RunClass } from "./run-charge.js";

export type ConsumedRun = Extract<CreditsEvent, { readonly type: "CreditsConsumed" }>["data"];

/** How many recent consumptions the state keeps for `org credits` (the full list is the stream itself). */
export const RECENT_CHARGES_KEPT = 10;

/**
 * An organization's credit balance. Unmetered until its first purchase (see DECISIONS.md): nothing is charged and
 * nothing refused. Amounts are integer millicredits; the balance may go below zero (a run is charged in full even when
 * it costs more than what was left).
 */
export type CreditsState =
  | { readonly status: "unmetered" }
  | (MeteredSummary & {
      /** Every execution charged so far: a run is charged once, whatever retries ask. */ readonly charged: GrowOnlySet;
    });

export type MeteredCredits = Extract<CreditsState, { readonly status: "metered" }>;

/**
 * What `org credits` shows: the balance and its history in brief, without the set of charged executions (which grows
 * with every run). Plain JSON, so a persisted read model can keep one row of it per organization.
 */
export type CreditsSummary = { readonly status: "unmetered" } | MeteredSummary;

export type MeteredSummary = {
  readonly status: "metered";
  readonly organization: string;
  readonly balance: number;
  readonly purchased: number;
  readonly consumed: number;
  readonly runs: Readonly<Record<RunClass, number>>;
  /** The latest consumptions, newest first. */
  readonly recent: readonly ConsumedRun[];
};
