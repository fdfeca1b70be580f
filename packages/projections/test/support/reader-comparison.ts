import { expect } from "vitest";
import type { LedgerReader, Page, PageRequest, ReadModelStates } from "../../src/index.js";

/** Every page of a list, asked `size` items at a time, with each page checked against the reference's. */
async function samePages<T>(
  actual: (page: PageRequest) => Promise<Page<T>>,
  expected: (page: PageRequest) => Promise<Page<T>>,
  size: number,
): Promise<T[]> {
  let after: string | undefined;
  const joined: T[] = [];
  for (let n = 0; n < 10_000; n++) {
    const request: PageRequest = after === undefined ? { limit: size } : { limit: size, after };
    const [a, e] = [await actual(request), await expected(request)];
    expect(a).toEqual(e);
    joined.push(...e.rows);
    if (e.next === undefined) return joined;
    after = e.next;
  }
  return joined;
}

/**
 * Asks both readers every question about everything the reference states know of (and a few things they do not),
 * and expects equal answers: organizations, memberships, projects, deployments, schedules, history, audit trail, ids.
 */
export async function expectSameAnswers(actual: LedgerReader, expected: LedgerReader, states: ReadModelStates): Promise<void> {
  const from = "2023-06-01T00:00:00Z";
  const users = new Set<string>(["404"]);
  for (const org of [...states.organizationDirectory.organizations.keys(), "999999"]) {
    expect(await actual.organization(org)).toEqual(await expected.organization(org));
    for (const user of states.organizationDirectory.organizations.get(org)?.members.keys() ?? []) users.add(user);
    await samePages(
      (p) => actual.projects(org, p),
      (p) => expected.projects(org, p),
      2,
    );
    const projects = (await expected.projects(org)).rows;
    for (const name of new Set(projects.map((p) => p.name)))
      expect(await actual.projectsNamed(org, name)).toEqual(await expected.projectsNamed(org, name));
    for (const order of ["oldest-first", "newest-first"] as const) {
      expect(await actual.auditTrail(org, { order })).toEqual(await expected.auditTrail(org, { order }));
      // Rule 54: the trail's pages equal the reference's, and joined they are the whole trail.
      const pages = await samePages(
        (p) => actual.auditTrailPage(org, { order }, p),
        (p) => expected.auditTrailPage(org, { order }, p),
        7,
      );
      expect(pages).toEqual(await expected.auditTrail(org, { order }));
      expect(await actual.auditTrail(org, { order, limit: 3 })).toEqual(await expected.auditTrail(org, { order, limit: 3 }));
    }
    await samePages(
      (p) => actual.internalIdHistory({ kind: "organization", organization: org }, p),
      (p) => expected.internalIdHistory({ kind: "organization", organization: org }, p),
      1,
    );
    for (const project of [...projects, { projectKey: "missing" }]) {
      const key = project.projectKey;
      expect(await actual.project(org, key)).toEqual(await expected.project(org, key));
      expect(await actual.auditTrail(org, { projectKey: key, limit: 4, order: "newest-first" })).toEqual(
        await expected.auditTrail(org, { projectKey: key, limit: 4, order: "newest-first" }),
      );
      await samePages(
        (p) => actual.internalIdHistory({ kind: "project", organization: org, projectKey: key }, p),
        (p) => expected.internalIdHistory({ kind: "project", organization: org, projectKey: key }, p),
        1,
      );
      await samePages(
        (p) => actual.deployments(org, key, p),
        (p) => expected.deployments(org, key, p),
        2,
      );
      for (const d of [...(await expected.deployments(org, key)).rows.map((r) => r.deployment), "nope"]) {
        expect(await actual.deployment(org, key, d)).toEqual(await expected.deployment(org, key, d));
      }
      await samePages(
        (p) => actual.schedules(org, key, { from }, p),
        (p) => expected.schedules(org, key, { from }, p),
        3,
      );
      expect(await actual.scheduleMatrix(org, key, { from })).toEqual(await expected.scheduleMatrix(org, key, { from }));
      for (const query of [
        {},
        { limit: 3 },
        { limit: 1 },
        { result: "success" as const },
        { result: "running" as const, limit: 2 },
        { since: "2023-07-01T00:10:00Z" },
      ]) {
        const { next: _cursor, ...page } = await actual.history(org, key, query);
        expect(page).toEqual(await expected.history(org, key, query));
      }
      for (const e of [...(await expected.history(org, key, {})).rows.map((r) => r.executionId), "01H00000000000000000000000"]) {
        expect(await actual.execution(org, key, e)).toEqual(await expected.execution(org, key, e));
      }
      await samePages(
        (p) => actual.secretNames(org, key, p),
        (p) => expected.secretNames(org, key, p),
        2,
      );
      await samePages(
        (p) => actual.stateIds(org, key, p),
        (p) => expected.stateIds(org, key, p),
        2,
      );
      for (const id of [...(await expected.stateIds(org, key)).rows, "dev:tap-none-to-target-none"]) {
        expect(await actual.bookmark(org, key, id)).toEqual(await expected.bookmark(org, key, id));
      }
    }
  }
  for (const org of [...states.creditsBalance.keys(), "999999999"]) {
    expect(await actual.credits(org)).toEqual(await expected.credits(org));
  }
  for (const [id, record] of states.internalIdIndex) {
    expect(await actual.resolveInternalId(record.organization, id)).toEqual(await expected.resolveInternalId(record.organization, id));
  }
  for (const user of [...users, ...states.organizationDirectory.logins.keys()]) {
    await samePages(
      (p) => actual.memberships(user, p),
      (p) => expected.memberships(user, p),
      1,
    );
    expect(await actual.login(user)).toEqual(await expected.login(user));
  }
}

/** Pages through a history with the persisted cursor, and expects the concatenation to equal the unlimited history. */
export async function expectHistoryPagesJoin(reader: LedgerReader, org: string, projectKey: string, size: number): Promise<void> {
  const all = (await reader.history(org, projectKey, {})).rows;
  const joined = [];
  let after: string | undefined;
  for (;;) {
    const page = await reader.history(org, projectKey, after === undefined ? { limit: size } : { limit: size, after });
    joined.push(...page.rows);
    if (page.next === undefined) break;
    after = page.next;
  }
  expect(joined).toEqual(all);
}
