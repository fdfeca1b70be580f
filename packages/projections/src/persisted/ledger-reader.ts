import type { CreditsSummary } from "@cloud-ledger/domain";
import type { AuditEntry, AuditQuery } from "../read-models/audit-trail/queries.js";
import type { DeploymentView } from "../read-models/deployment-board/queries.js";
import type { HistoryQuery } from "../read-models/execution-history/filters.js";
import type { ExecutionRow, HistoryPage } from "../read-models/execution-history/queries.js";
import type { InternalIdEntity, InternalIdHistoryEntry } from "../read-models/internal-id-index/queries.js";
import type { MembershipView, OrganizationView } from "../read-models/organization-directory/queries.js";
import type { ProjectView } from "../read-models/project-catalog/queries.js";
import type { Bookmark } from "../read-models/state-bookmarks/projection.js";
import type { ScheduleCellView, ScheduleMatrixView, ScheduleQueryOptions } from "../read-models/schedule-matrix/queries.js";

/** The largest page a list query returns (Meltano Cloud's MAX_PAGE_SIZE, rulebook rule 54). */
export const MAX_PAGE_SIZE = 250;

/** An audit-trail query for paging: the page gives the limit and the cursor. */
export type AuditPageQuery = Omit<AuditQuery, "limit" | "afterPosition">;

/** Which page of a list: at most `limit` (<= MAX_PAGE_SIZE) items after the cursor `after` (a previous page's `next`). */
export interface PageRequest {
  readonly limit: number;
  readonly after?: string;
}

/** One page of a list; `next` is set when more items follow. */
export interface Page<T> {
  readonly rows: readonly T[];
  readonly next?: string;
}

/**
 * Every question the CLI asks the read models, answered by key from persisted rows (or from a time-travel copy).
 * Each answer equals the matching query function's over a full replay of the same prefix of the log.
 */
export interface LedgerReader {
  /** The global position the answers reflect. */
  readonly position: number;
  organization(billingAccountNumber: string): Promise<OrganizationView | undefined>;
  /** The organizations a user belongs to, ordered by name. */
  memberships(githubUserId: string, page?: PageRequest): Promise<Page<MembershipView>>;
  login(githubUserId: string): Promise<string | undefined>;
  projects(billingAccountNumber: string, page?: PageRequest): Promise<Page<ProjectView>>;
  project(billingAccountNumber: string, projectKey: string): Promise<ProjectView | undefined>;
  projectsNamed(billingAccountNumber: string, name: string): Promise<readonly ProjectView[]>;
  deployments(billingAccountNumber: string, projectKey: string, page?: PageRequest): Promise<Page<DeploymentView>>;
  deployment(billingAccountNumber: string, projectKey: string, deployment: string): Promise<DeploymentView | undefined>;
  schedules(
    billingAccountNumber: string,
    projectKey: string,
    options: ScheduleQueryOptions,
    page?: PageRequest,
  ): Promise<Page<ScheduleCellView>>;
  scheduleMatrix(billingAccountNumber: string, projectKey: string, options: ScheduleQueryOptions): Promise<ScheduleMatrixView>;
  /** Newest first; `after` continues from a previous page's `next`. */
  history(billingAccountNumber: string, projectKey: string, query: HistoryQuery & { readonly after?: string }): Promise<HistoryPage>;
  execution(billingAccountNumber: string, projectKey: string, executionId: string): Promise<ExecutionRow | undefined>;
  auditTrail(billingAccountNumber: string, query: AuditQuery): Promise<readonly AuditEntry[]>;
  /** The trail a page at a time (rule 54): at most `limit` (<= 250) entries; `next` continues after the last one. */
  auditTrailPage(billingAccountNumber: string, query: AuditPageQuery, page?: PageRequest): Promise<Page<AuditEntry>>;
  resolveInternalId(billingAccountNumber: string, internalId: string): Promise<InternalIdEntity | undefined>;
  /** Every id the entity has had, oldest first (the last is current), a page at a time (rule 54). */
  internalIdHistory(entity: InternalIdEntity, page?: PageRequest): Promise<Page<InternalIdHistoryEntry>>;
  secretNames(billingAccountNumber: string, projectKey: string, page?: PageRequest): Promise<Page<string>>;
  /** A project's state ids in code-unit order (rule 53: per project). */
  stateIds(billingAccountNumber: string, projectKey: string, page?: PageRequest): Promise<Page<string>>;
  bookmark(billingAccountNumber: string, projectKey: string, stateId: string): Promise<Bookmark | undefined>;
  /** The organization's credits in brief (rules 42, 44): `unmetered` until its first purchase. */
  credits(billingAccountNumber: string): Promise<CreditsSummary>;
}
