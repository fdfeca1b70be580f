import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRecordedDomainEvents, type RecordedDomainEvent } from "@cloud-ledger/domain";
import {
  deploymentsOf,
  deploymentViewAfter,
  organizationView,
  organizationViewAfter,
  projectsCreatedBy,
  projectsOf,
  readModelsAsOf,
} from "../../src/index.js";
import { appendLog } from "../support/domain-log.js";
import { interpret, logArbitrary } from "../support/log-arbitrary.js";
import { createTestEventStore } from "../support/memory-store.js";

/*
 * Issue 13: a write command answers with the view before it folded with its own events. For any log cut anywhere,
 * the view before the cut folded with the events after it must be the view a replay of the whole log gives. (These
 * logs sign nobody up: members' logins are checked through the CLI, in tests/cli-write-answers.test.ts.)
 */

const cutLog = fc.tuple(logArbitrary, fc.double({ min: 0, max: 1, noNaN: true }));

async function cut(steps: Parameters<typeof interpret>[0], at: number) {
  const store = createTestEventStore();
  await appendLog(store, interpret(steps));
  const all = await store.readAll();
  const index = Math.floor(at * all.length);
  const position = index === 0 ? 0 : (all[index - 1]?.globalPosition ?? 0);
  const decoded = decodeRecordedDomainEvents(all.slice(index));
  if (decoded._tag === "Left") throw new Error(decoded.left.message);
  const events: readonly RecordedDomainEvent[] = decoded.right;
  return { before: await readModelsAsOf(store, { position }), after: await readModelsAsOf(store), events };
}

describe("views after a command's events (issue 13)", () => {
  it("an organization's view before, folded with the events after, is its view after", async () => {
    await fc.assert(
      fc.asyncProperty(cutLog, async ([steps, at]) => {
        const { before, after, events } = await cut(steps, at);
        const organizations = new Set([
          ...before.organizationDirectory.organizations.keys(),
          ...after.organizationDirectory.organizations.keys(),
        ]);
        for (const organization of organizations) {
          const was = organizationView(before.organizationDirectory, organization);
          const is = organizationView(after.organizationDirectory, organization);
          // What a command knows beside its events: the login of a member it adds (who may have signed up long before).
          const known = new Map<string, string>();
          for (const m of is?.members ?? [])
            if (m.login !== undefined && was?.members.some((w) => w.githubUserId === m.githubUserId) !== true)
              known.set(m.githubUserId, m.login);
          expect(organizationViewAfter(organization, was, events, known)).toEqual(is);
        }
      }),
      { numRuns: 80 },
    );
  });

  it("a deployment's view before, folded with the events after, is its view after; new projects are the ones created after", async () => {
    await fc.assert(
      fc.asyncProperty(cutLog, async ([steps, at]) => {
        const { before, after, events } = await cut(steps, at);
        for (const [organization, projects] of after.deploymentBoard) {
          for (const projectKey of projects.keys()) {
            const was = deploymentsOf(before.deploymentBoard, organization, projectKey);
            for (const is of deploymentsOf(after.deploymentBoard, organization, projectKey)) {
              const previous = was.find((d) => d.deployment === is.deployment);
              expect(deploymentViewAfter(organization, projectKey, is.deployment, previous, events)).toEqual(is);
            }
          }
        }
        for (const organization of after.projectCatalog.keys()) {
          const existed = new Set(projectsOf(before.projectCatalog, organization).map((p) => p.projectKey));
          const created = projectsOf(after.projectCatalog, organization).filter((p) => !existed.has(p.projectKey));
          expect(projectsCreatedBy(organization, events)).toEqual(created);
        }
      }),
      { numRuns: 80 },
    );
  });
});
