import type { ReadModelStates } from "../read-models/all.js";
import { auditTrailOf } from "../read-models/audit-trail/queries.js";
import { deploymentsOf, deploymentView } from "../read-models/deployment-board/queries.js";
import { executionHistoryOf, executionView } from "../read-models/execution-history/queries.js";
import { internalIdHistoryOf, resolveInternalId } from "../read-models/internal-id-index/queries.js";
import { membershipsOf, organizationView } from "../read-models/organization-directory/queries.js";
import { projectsNamed, projectsOf, projectView } from "../read-models/project-catalog/queries.js";
import { scheduleList, scheduleMatrixView } from "../read-models/schedule-matrix/queries.js";
import { bookmarkOf, stateIdsOf } from "../read-models/state-bookmarks/queries.js";
import { creditsOf } from "../read-models/credits-balance/projection.js";
import { ReadModelQueryError } from "../read-models/shared/query-error.js";
import type { LedgerReader } from "./ledger-reader.js";
import { auditTrailPage, internalIdHistoryPage, pageOf } from "./paging.js";

/**
 * The LedgerReader over whole in-memory read models (a full replay): the reference the persisted rows must equal.
 * `secretNames` answers the secret-name question, which no package read model holds.
 */
export function statesReader(
  states: ReadModelStates,
  position: number,
  secretNames: (organization: string, projectKey: string) => readonly string[] = () => [],
): LedgerReader {
  return {
    position,
    organization: (organization) => Promise.resolve(organizationView(states.organizationDirectory, organization)),
    memberships: (user, page) =>
      Promise.resolve(pageOf(membershipsOf(states.organizationDirectory, user), (m) => [m.name, m.billingAccountNumber], page)),
    login: (user) => Promise.resolve(states.organizationDirectory.logins.get(user)),
    projects: (organization, page) =>
      Promise.resolve(pageOf(projectsOf(states.projectCatalog, organization), (p) => [p.name, p.projectKey], page)),
    project: (organization, projectKey) => Promise.resolve(projectView(states.projectCatalog, organization, projectKey)),
    projectsNamed: (organization, name) => Promise.resolve(projectsNamed(states.projectCatalog, organization, name)),
    deployments: (organization, projectKey, page) =>
      Promise.resolve(pageOf(deploymentsOf(states.deploymentBoard, organization, projectKey), (d) => [d.deployment], page)),
    deployment: (organization, projectKey, name) => Promise.resolve(deploymentView(states.deploymentBoard, organization, projectKey, name)),
    schedules: (organization, projectKey, options, page) =>
      Promise.resolve(
        pageOf(scheduleList(states.scheduleMatrix, organization, projectKey, options), (c) => [c.deployment, c.schedule], page),
      ),
    scheduleMatrix: (organization, projectKey, options) =>
      Promise.resolve(scheduleMatrixView(states.scheduleMatrix, organization, projectKey, options)),
    history(organization, projectKey, query) {
      if (query.after !== undefined) {
        return Promise.reject(new ReadModelQueryError("after", "a full replay answers history from its first page only"));
      }
      const { after: _none, ...rest } = query;
      return Promise.resolve(executionHistoryOf(states.executionHistory, organization, projectKey, rest));
    },
    execution: (organization, projectKey, id) => Promise.resolve(executionView(states.executionHistory, organization, projectKey, id)),
    auditTrail: (organization, query) => Promise.resolve(auditTrailOf(states.auditTrail, organization, query)),
    auditTrailPage: (organization, query, page) =>
      auditTrailPage((q) => Promise.resolve(auditTrailOf(states.auditTrail, organization, q)), query, page),
    resolveInternalId: (organization, id) => Promise.resolve(resolveInternalId(states.internalIdIndex, organization, id)),
    internalIdHistory: (entity, page) => Promise.resolve(internalIdHistoryPage(internalIdHistoryOf(states.internalIdIndex, entity), page)),
    secretNames: (organization, projectKey, page) => Promise.resolve(pageOf(secretNames(organization, projectKey), (n) => [n], page)),
    stateIds: (organization, projectKey, page) =>
      Promise.resolve(pageOf(stateIdsOf(states.stateBookmarks, organization, projectKey), (id) => [id], page)),
    bookmark: (organization, projectKey, stateId) => Promise.resolve(bookmarkOf(states.stateBookmarks, organization, projectKey, stateId)),
    credits: (organization) => Promise.resolve(creditsOf(states.creditsBalance, organization)),
  };
}
