import { UNMETERED, type CreditsSummary } from "@cloud-ledger/domain";
import { auditTrailOf, type AuditEntry } from "../read-models/audit-trail/queries.js";
import type { AuditTrailState, OrganizationTrail } from "../read-models/audit-trail/projection.js";
import { deploymentsOf, deploymentView } from "../read-models/deployment-board/queries.js";
import type { DeploymentBoardState } from "../read-models/deployment-board/projection.js";
import { executionView, historyMatcher, type ExecutionRow } from "../read-models/execution-history/queries.js";
import { resolveInternalId, type InternalIdHistoryEntry } from "../read-models/internal-id-index/queries.js";
import { organizationView, type MembershipView } from "../read-models/organization-directory/queries.js";
import type { OrganizationDirectoryState } from "../read-models/organization-directory/state.js";
import { projectsOf, projectView } from "../read-models/project-catalog/queries.js";
import type { ProjectCatalogState } from "../read-models/project-catalog/projection.js";
import { matrixOfCells, scheduleCells, scheduleIntervals } from "../read-models/schedule-matrix/schedule-cells.js";
import type { ScheduleMatrixState } from "../read-models/schedule-matrix/projection.js";
import type { ScheduleQueryOptions } from "../read-models/schedule-matrix/queries.js";
import { byCodeUnits } from "../read-models/shared/domain-projection.js";
import { ReadModelQueryError } from "../read-models/shared/query-error.js";
import { auditKey, type AuditRowValue } from "./models/audit.js";
import type { ExecutionRowValue } from "./models/executions.js";
import { idOwnerScope, type InternalIdRow } from "./models/internal-ids.js";
import type { InstallationRow, OrganizationRow } from "./models/organizations.js";
import type { DeploymentRow, ProjectRow, SchedulesRow } from "./models/projects.js";
import { MODEL, projectScope } from "./models/row-model.js";
import type { LedgerReader } from "./ledger-reader.js";
import type { Bookmark } from "../read-models/state-bookmarks/projection.js";
import { auditTrailPage, internalIdHistoryPage, pageLimit, pageOf } from "./paging.js";
import { runsPerDayLabels } from "./runs-per-day-labels.js";
import type { ReadModelRowStore, RowCursor, RowScan, StoredRow } from "@cloud-ledger/domain";

const SCAN_PAGE = 1000;

const scanFrom = (order: "asc" | "desc", limit: number, after: RowCursor | undefined): RowScan =>
  after === undefined ? { order, limit } : { order, limit, after };
/** One organization's (or one project's) branch of a read model's nested maps: the partial state a query needs. */
const inOrganization = <V>(organization: string, value: V): Map<string, V> => new Map([[organization, value]]);
const inProject = <V>(organization: string, projectKey: string, value: V): Map<string, Map<string, V>> =>
  inOrganization(organization, new Map([[projectKey, value]]));

/** Every row of one scope, in key order (for scopes that stay small: an organization's projects, a project's deployments). */
async function allRows(rows: ReadModelRowStore, model: string, scope: string): Promise<StoredRow[]> {
  const out: StoredRow[] = [];
  let after: RowCursor | undefined;
  for (;;) {
    const page = await rows.scan(model, scope, scanFrom("asc", SCAN_PAGE, after));
    out.push(...page);
    const last = page[page.length - 1];
    if (last === undefined || page.length < SCAN_PAGE) return out;
    after = { sort: last.sort, key: last.key };
  }
}

/** The state id a `stateIds` cursor ends at: the same `["<last id>"]` tuple `pageOf` writes, so both readers agree. */
function stateCursor(after: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(after);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 1 || typeof parsed[0] !== "string") {
    throw new ReadModelQueryError("after", `'after' must be a cursor a previous page returned, got '${after}'`);
  }
  return parsed[0];
}

function historyCursor(after: string | undefined): RowCursor | undefined {
  if (after === undefined) return undefined;
  const match = /^(-?\d+):(.+)$/s.exec(after);
  const sort = match === null ? Number.NaN : Number(match[1]);
  if (match === null || !Number.isSafeInteger(sort)) {
    throw new ReadModelQueryError("after", `'after' must be a cursor a previous page returned, got '${after}'`);
  }
  return { sort, key: match[2] as string };
}

/** One trail of audit rows (ascending positions), the shape `auditTrailOf` filters. */
function trailState(page: readonly StoredRow[]): AuditTrailState {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const intern = (text: string): number => {
    let id = ids.get(text);
    if (id === undefined) {
      id = strings.length;
      strings.push(text);
      ids.set(text, id);
    }
    return id;
  };
  const trail: OrganizationTrail = { positions: [], times: [], actors: [], actions: [], entities: [], projects: [], schedules: [] };
  for (const row of page) {
    const [time, actor, action, stream, projectKey, schedule] = row.value as AuditRowValue;
    trail.positions.push(row.sort);
    trail.times.push(time);
    trail.actors.push(intern(actor));
    trail.actions.push(intern(action));
    trail.entities.push(stream);
    trail.projects.push(projectKey === null ? -1 : intern(projectKey));
    trail.schedules.push(schedule === null ? -1 : intern(schedule));
  }
  const last = { organization: "", trail: undefined, stream: "", project: "", projectId: -1, actor: "", actorId: -1, time: "" };
  return { strings, ids, trails: new Map([["", trail]]), last };
}

/** Answers every LedgerReader question from the rows of a ReadModelRowStore, reading only the rows it needs. */
export function rowsReader(rows: ReadModelRowStore, position: number): LedgerReader {
  const projectCatalog = async (organization: string): Promise<ProjectCatalogState> =>
    inOrganization(
      organization,
      new Map((await allRows(rows, MODEL.project, organization)).map((r) => [r.key, { ...(r.value as unknown as ProjectRow) }])),
    );
  const deploymentBoard = async (organization: string, projectKey: string): Promise<DeploymentBoardState> => {
    const found = await allRows(rows, MODEL.deployment, projectScope(organization, projectKey));
    return inProject(organization, projectKey, new Map(found.map((r) => [r.key, { ...(r.value as unknown as DeploymentRow) }])));
  };
  const scheduleMatrix = async (organization: string, projectKey: string): Promise<ScheduleMatrixState> => {
    const found = await allRows(rows, MODEL.schedules, projectScope(organization, projectKey));
    const deployments = new Map(
      found.map(
        (r) =>
          [r.key, new Map((r.value as unknown as SchedulesRow).map(([name, interval, enabled]) => [name, { interval, enabled }]))] as const,
      ),
    );
    return new Map([[organization, new Map([[projectKey, deployments]])]]);
  };
  const scheduleCellsOf = async (organization: string, projectKey: string, options: ScheduleQueryOptions) => {
    const state = await scheduleMatrix(organization, projectKey);
    const intervals = scheduleIntervals(state, organization, projectKey, options.deployment);
    const labels = await runsPerDayLabels(rows, intervals, options.from);
    return scheduleCells(state, organization, projectKey, options.deployment, (interval) => {
      const label = labels.get(interval);
      if (label === undefined) throw new Error(`No runs/day label for interval '${interval}'`); // scheduleIntervals lists every one
      return label;
    });
  };
  const executionEntry = (value: ExecutionRowValue): ExecutionRowValue => ({ ...value });

  const reader: LedgerReader = {
    position,
    async organization(organization) {
      const org = (await rows.get(MODEL.organization, "", organization)) as OrganizationRow | undefined;
      if (org === undefined) return undefined;
      const members = await allRows(rows, MODEL.member, organization);
      const installations = await allRows(rows, MODEL.installation, organization);
      const logins = new Map<string, string>();
      for (const m of members) {
        const login = await reader.login(m.key);
        if (login !== undefined) logins.set(m.key, login);
      }
      const state: OrganizationDirectoryState = {
        organizations: new Map([
          [
            organization,
            {
              ...org,
              members: new Map(members.map((m) => [m.key, m.value as MembershipView["role"]])),
              installations: new Map(
                installations.map((i) => {
                  const value = i.value as InstallationRow;
                  return [i.key, { account: value.account, accountType: value.accountType, repositories: new Set(value.repositories) }];
                }),
              ),
            },
          ],
        ]),
        logins,
      };
      return organizationView(state, organization);
    },
    async memberships(githubUserId, page) {
      const out: MembershipView[] = [];
      for (const m of await allRows(rows, MODEL.membership, githubUserId)) {
        const org = (await rows.get(MODEL.organization, "", m.key)) as OrganizationRow | undefined;
        if (org !== undefined) out.push({ billingAccountNumber: m.key, name: org.name, role: m.value as MembershipView["role"] });
      }
      out.sort((a, b) => byCodeUnits(a.name, b.name) || byCodeUnits(a.billingAccountNumber, b.billingAccountNumber));
      return pageOf(out, (m) => [m.name, m.billingAccountNumber], page);
    },
    async login(githubUserId) {
      return (await rows.get(MODEL.login, "", githubUserId)) as string | undefined;
    },
    async projects(organization, page) {
      return pageOf(projectsOf(await projectCatalog(organization), organization), (p) => [p.name, p.projectKey], page);
    },
    async project(organization, projectKey) {
      const value = (await rows.get(MODEL.project, organization, projectKey)) as unknown as ProjectRow | undefined;
      return value === undefined
        ? undefined
        : projectView(inOrganization(organization, new Map([[projectKey, { ...value }]])), organization, projectKey);
    },
    async projectsNamed(organization, name) {
      return projectsOf(await projectCatalog(organization), organization).filter((p) => p.name === name);
    },
    async deployments(organization, projectKey, page) {
      return pageOf(deploymentsOf(await deploymentBoard(organization, projectKey), organization, projectKey), (d) => [d.deployment], page);
    },
    async deployment(organization, projectKey, name) {
      const value = (await rows.get(MODEL.deployment, projectScope(organization, projectKey), name)) as DeploymentRow | undefined;
      if (value === undefined) return undefined;
      return deploymentView(inProject(organization, projectKey, new Map([[name, { ...value }]])), organization, projectKey, name);
    },
    async schedules(organization, projectKey, options, page) {
      return pageOf(await scheduleCellsOf(organization, projectKey, options), (c) => [c.deployment, c.schedule], page);
    },
    async scheduleMatrix(organization, projectKey, options) {
      return matrixOfCells(await scheduleCellsOf(organization, projectKey, options));
    },
    async history(organization, projectKey, query) {
      const matcher = historyMatcher(query);
      const scope = projectScope(organization, projectKey);
      const matched: { row: ExecutionRow; cursor: RowCursor }[] = [];
      let after = historyCursor(query.after);
      // Newest first through the (scope, sort, key) index: stops at limit + 1 matches, or at `since`.
      scanning: for (;;) {
        const want = Math.min(SCAN_PAGE, matcher.limit + 1 - matched.length);
        const page = await rows.scan(MODEL.execution, scope, scanFrom("desc", want, after));
        for (const r of page) {
          if (matcher.since !== undefined && r.sort < matcher.since) break scanning;
          const m = matcher.match(r.key, executionEntry(r.value as unknown as ExecutionRowValue));
          if (m !== undefined) matched.push({ row: m.row, cursor: { sort: r.sort, key: r.key } });
          if (matched.length > matcher.limit) break scanning;
        }
        const last = page[page.length - 1];
        if (last === undefined || page.length < want) break;
        after = { sort: last.sort, key: last.key };
      }
      const truncated = matched.length > matcher.limit;
      const kept = matched.slice(0, matcher.limit);
      const lastKept = kept[kept.length - 1];
      const rowsOut = kept.map((m) => m.row);
      return truncated && lastKept !== undefined
        ? { rows: rowsOut, truncated, next: `${lastKept.cursor.sort}:${lastKept.cursor.key}` }
        : { rows: rowsOut, truncated };
    },
    async execution(organization, projectKey, executionId) {
      const value = (await rows.get(MODEL.execution, projectScope(organization, projectKey), executionId)) as ExecutionRowValue | undefined;
      if (value === undefined) return undefined;
      const state = {
        projects: inProject(organization, projectKey, new Map([[executionId, executionEntry(value)]])),
        strings: new Map<string, string>(),
        last: { organization: "", projectKey: "", executionId: "", entry: undefined },
      };
      return executionView(state, organization, projectKey, executionId);
    },
    async auditTrail(organization, query) {
      const limit = query.limit === undefined ? Number.POSITIVE_INFINITY : query.limit;
      auditTrailOf(trailState([]), "", query); // validates the arguments before anything is read
      const order = query.order === "newest-first" ? "desc" : "asc";
      const out: AuditEntry[] = [];
      // The cursor row itself is skipped by the scan: it starts strictly beyond that position, in either order.
      let after: RowCursor | undefined =
        query.afterPosition === undefined ? undefined : { sort: query.afterPosition, key: auditKey(query.afterPosition) };
      // A small page of the trail reads about as many rows as it shows (twice, for filters), growing to SCAN_PAGE when
      // filters skip most rows: paging through a long trail must not cost a thousand rows per page.
      let chunk = Number.isFinite(limit) ? Math.min(SCAN_PAGE, Math.max(64, 2 * limit)) : SCAN_PAGE;
      while (out.length < limit) {
        const page = await rows.scan(MODEL.audit, organization, scanFrom(order, chunk, after));
        const ascending = order === "asc" ? page : [...page].reverse();
        const remaining = limit - out.length;
        const { limit: _all, ...unlimited } = query;
        out.push(...auditTrailOf(trailState(ascending), "", Number.isFinite(remaining) ? { ...query, limit: remaining } : unlimited));
        const last = page[page.length - 1];
        if (last === undefined || page.length < chunk) break;
        after = { sort: last.sort, key: auditKey(last.sort) };
        chunk = Math.min(SCAN_PAGE, chunk * 2);
      }
      return out;
    },
    auditTrailPage: (organization, query, page) => auditTrailPage((q) => reader.auditTrail(organization, q), query, page),
    async resolveInternalId(organization, internalId) {
      const record = (await rows.get(MODEL.internalId, "", internalId)) as InternalIdRow | undefined;
      return record === undefined ? undefined : resolveInternalId(new Map([[internalId, { ...record }]]), organization, internalId);
    },
    async internalIdHistory(entity, page) {
      // An entity's ids grow only with its regenerations, so the page is cut from the whole (short) list.
      const owner = idOwnerScope(entity.organization, entity.kind === "project" ? entity.projectKey : null);
      const out: InternalIdHistoryEntry[] = [];
      for (const r of await allRows(rows, MODEL.internalIdOfEntity, owner)) {
        const record = (await rows.get(MODEL.internalId, "", r.key)) as InternalIdRow | undefined;
        if (record === undefined) continue;
        out.push({ internalId: r.key, assignedAt: record.assignedAt, retiredAt: record.retiredAt, replacedBy: record.replacedBy });
      }
      return internalIdHistoryPage(out, page);
    },
    async stateIds(organization, projectKey, page) {
      // State ids are the row keys, so a page is one index range from the cursor: the project's other bookmarks are
      // never read (a project may keep thousands, one per pipeline and suffix).
      const limit = pageLimit(page);
      const after = page?.after === undefined ? undefined : { sort: 0, key: stateCursor(page.after) };
      const found = await rows.scan(MODEL.stateBookmark, projectScope(organization, projectKey), scanFrom("asc", limit + 1, after));
      const shown = found.slice(0, limit).map((r) => r.key);
      const last = shown[shown.length - 1];
      return found.length > limit && last !== undefined ? { rows: shown, next: JSON.stringify([last]) } : { rows: shown };
    },
    async bookmark(organization, projectKey, stateId) {
      const value = (await rows.get(MODEL.stateBookmark, projectScope(organization, projectKey), stateId)) as Bookmark | undefined;
      return value === undefined ? undefined : { ...value };
    },
    async credits(organization) {
      const value = (await rows.get(MODEL.credits, "", organization)) as CreditsSummary | undefined;
      return value === undefined ? UNMETERED : { ...value };
    },
    async secretNames(organization, projectKey, page) {
      const names = (await allRows(rows, MODEL.secret, projectScope(organization, projectKey))).map((r) => r.key).sort();
      pageLimit(page);
      return pageOf(names, (name) => [name], page);
    },
  };
  return reader;
}
