import type { DomainEvent, RecordedEvent } from "@cloud-ledger/domain";
import type { RowTransaction } from "../row-transaction.js";

/** A persisted read model: folds one event into keyed rows (read through the batch's transaction). */
export interface RowModel {
  readonly name: string;
  apply(tx: RowTransaction, event: DomainEvent, recorded: RecordedEvent): Promise<void> | void;
}

/** The scope of one project's rows: billing account numbers are digits, so the first "/" ends them. */
export const projectScope = (organization: string, projectKey: string): string => `${organization}/${projectKey}`;

/** Row model names: the `model` column. */
export const MODEL = {
  organization: "organization",
  member: "member",
  membership: "membership",
  login: "login",
  installation: "installation",
  project: "project",
  deployment: "deployment",
  schedules: "schedules",
  execution: "execution",
  audit: "audit",
  internalId: "internal-id",
  internalIdOfEntity: "internal-id-of-entity",
  secret: "secret",
  notifications: "notifications",
  outbox: "outbox",
  stateBookmark: "state-bookmark",
  credits: "credits",
  /** Not folded from events: a cache of runs/day labels per (UTC day, interval), persisted/runs-per-day-labels.ts. */
  runsPerDayLabel: "runs-per-day-label",
} as const;
