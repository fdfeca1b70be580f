import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  auditTrailOf,
  deploymentsOf,
  executionHistoryOf,
  internalIdHistoryOf,
  organizationView,
  projectsOf,
  readModelsAsOf,
  scheduleList,
  type ReadModelStates,
} from "../../src/index.js";
import { appendLog, type LogEntry } from "../support/domain-log.js";
import { interpret, logArbitrary } from "../support/log-arbitrary.js";
import { createTestEventStore } from "../support/memory-store.js";

async function modelsOf(entries: readonly LogEntry[]): Promise<ReadModelStates> {
  const store = createTestEventStore();
  await appendLog(store, entries);
  return readModelsAsOf(store);
}

/** Everything the query API tells about one organization (positions left out: they depend on the whole log). */
function viewOf(models: ReadModelStates, organization: string): unknown {
  const projects = projectsOf(models.projectCatalog, organization);
  return {
    organization: organizationView(models.organizationDirectory, organization),
    projects,
    internalIds: internalIdHistoryOf(models.internalIdIndex, { kind: "organization", organization }),
    perProject: projects.map(({ projectKey }) => ({
      deployments: deploymentsOf(models.deploymentBoard, organization, projectKey),
      schedules: scheduleList(models.scheduleMatrix, organization, projectKey, { from: "2023-07-01T00:00:00Z" }),
      history: executionHistoryOf(models.executionHistory, organization, projectKey),
      ids: internalIdHistoryOf(models.internalIdIndex, { kind: "project", organization, projectKey }),
    })),
    audit: auditTrailOf(models.auditTrail, organization).map(({ position: _position, ...entry }) => entry),
  };
}

describe("tenant isolation", () => {
  it("an organization's queries over the whole log equal its queries over a log of its own events only", async () => {
    await fc.assert(
      fc.asyncProperty(logArbitrary, async (steps) => {
        const entries = interpret(steps);
        const organizations = [...new Set(entries.map((e) => (e.event.data as { organization?: string }).organization))];
        const all = await modelsOf(entries);
        for (const organization of organizations) {
          if (organization === undefined) continue;
          const own = entries.filter((e) => {
            const owner = (e.event.data as { organization?: string }).organization;
            return owner === undefined || owner === organization;
          });
          expect(viewOf(all, organization)).toEqual(viewOf(await modelsOf(own), organization));
        }
      }),
      { numRuns: 40 },
    );
  });
});
