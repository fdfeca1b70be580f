// A small generator of valid domain logs: random steps interpreted by a tiny model of the control plane, so that
// every event refers to things that exist (what the command handler would have produced).
import fc from "fast-check";
import { projectKeyOf, type DomainEvent, type Role } from "@cloud-ledger/domain";
import type { LogEntry } from "./domain-log.js";

export type Step =
  | { readonly kind: "org" }
  | { readonly kind: "member"; readonly org: number; readonly user: number; readonly role: Role }
  | { readonly kind: "unmember"; readonly org: number; readonly user: number }
  | { readonly kind: "grant"; readonly org: number; readonly repo: number }
  | { readonly kind: "revoke"; readonly org: number; readonly repo: number }
  | { readonly kind: "project"; readonly org: number; readonly repo: number }
  | { readonly kind: "deploy"; readonly project: number; readonly name: number; readonly schedules: readonly boolean[] }
  | { readonly kind: "redeploy"; readonly deployment: number; readonly schedules: readonly boolean[]; readonly interval: number }
  | { readonly kind: "undeploy"; readonly deployment: number }
  | { readonly kind: "toggle"; readonly deployment: number; readonly schedule: number; readonly on: boolean }
  | { readonly kind: "run"; readonly deployment: number; readonly schedule: number; readonly scheduled: boolean }
  | { readonly kind: "progress"; readonly execution: number; readonly exitCode: number; readonly stop: boolean }
  | { readonly kind: "regenerate-org"; readonly org: number }
  | { readonly kind: "regenerate-project"; readonly project: number }
  | { readonly kind: "noop" };

const i = fc.nat({ max: 1000 });
export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ kind: "org" as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("member" as const),
      org: i,
      user: fc.nat(5),
      role: fc.constantFrom<Role>("owner", "maintainer", "reader"),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("unmember" as const), org: i, user: fc.nat(5) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("grant" as const), org: i, repo: fc.nat(3) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("revoke" as const), org: i, repo: fc.nat(3) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("project" as const), org: i, repo: fc.nat(3) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant("deploy" as const),
      project: i,
      name: fc.nat(2),
      schedules: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("redeploy" as const),
      deployment: i,
      schedules: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      interval: fc.nat(3),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant("undeploy" as const), deployment: i }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("toggle" as const), deployment: i, schedule: fc.nat(3), on: fc.boolean() }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("run" as const), deployment: i, schedule: fc.nat(3), scheduled: fc.boolean() }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant("progress" as const),
      execution: i,
      exitCode: fc.constantFrom(0, 0, 1, 2),
      stop: fc.constantFrom(false, false, false, true),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant("regenerate-org" as const), org: i }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("regenerate-project" as const), project: i }), weight: 1 },
);

const setupStep: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.constant({ kind: "org" as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("grant" as const), org: i, repo: fc.nat(3) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant("project" as const), org: i, repo: fc.nat(3) }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant("deploy" as const),
      project: i,
      name: fc.nat(2),
      schedules: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    }),
    weight: 4,
  },
);

/** A log: an organization, a setup phase rich in projects and deployments, then any mix of steps. */
export const logArbitrary: fc.Arbitrary<Step[]> = fc
  .tuple(fc.array(setupStep, { minLength: 4, maxLength: 20 }), fc.array(stepArbitrary, { minLength: 20, maxLength: 120 }))
  .map(([setup, rest]) => [{ kind: "org" as const }, ...setup, ...rest]);

const SCHEDULES = ["daily-transforms", "hourly-sync", "weekly-report", "manual-backfill"];
const INTERVALS = ["@daily", "0 * * * *", "15,45 */2 * * 1,3,5", "@manual"];
const DEPLOYMENTS = ["prod", "staging", "dev"];
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const ulid = (prefix: string, n: number): string => {
  let s = "";
  for (let k = 0; k < 10; k++, n = Math.floor(n / 32)) s = (CROCKFORD[n % 32] as string) + s;
  return (prefix + "0".repeat(26)).slice(0, 16) + s;
};
const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");

interface Org {
  key: string;
  id: string;
  repos: Set<string>;
}
interface Project {
  org: string;
  key: string;
  id: string;
}
interface Deployment {
  project: Project;
  name: string;
  schedules: Map<string, { interval: string; enabled: boolean }>;
  commit: string;
}
interface Execution {
  project: Project;
  id: string;
  state: "requested" | "running" | "done";
}

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

/** Interprets steps into log entries; time is a function of the step index only, so replacing a step by `noop` shifts nothing. */
export function interpret(steps: readonly Step[]): LogEntry[] {
  const out: LogEntry[] = [];
  const orgs: Org[] = [];
  const projects: Project[] = [];
  const deployments: Deployment[] = [];
  const executions: Execution[] = [];
  let ids = 0;
  let commits = 0;
  steps.forEach((step, index) => {
    const occurredAt = new Date(Date.UTC(2023, 5, 1) + index * 7 * 60_000).toISOString();
    const actor = `github:${1000 + (index % 3)}`;
    const emit = (event: DomainEvent): void => void out.push({ event, actor, occurredAt });
    const schedulesOf = (flags: readonly boolean[], interval = 0) =>
      SCHEDULES.filter((_, k) => flags[k] === true).map((name, k) => ({ name, interval: INTERVALS[(k + interval) % 4] as string }));
    switch (step.kind) {
      case "org": {
        const org = { key: ulid("01G", orgs.length), id: ulid("01H", ++ids), repos: new Set<string>() };
        orgs.push(org);
        emit({
          type: "OrganizationCreated",
          data: { organization: org.key, name: `org-${orgs.length}`, internalId: org.id, owner: "1000" },
        });
        emit({
          type: "GitHubAppInstalled",
          data: { organization: org.key, installationId: "1", account: "acme", accountType: "organization" },
        });
        return;
      }
      case "member":
      case "unmember": {
        const org = pick(orgs, step.org);
        if (org === undefined) return;
        const githubUserId = String(2000 + step.user);
        if (step.kind === "member") emit({ type: "MemberAdded", data: { organization: org.key, githubUserId, role: step.role } });
        else emit({ type: "MemberRemoved", data: { organization: org.key, githubUserId, role: "reader" } });
        return;
      }
      case "grant":
      case "revoke": {
        const org = pick(orgs, step.org);
        if (org === undefined) return;
        const repositoryUrl = `https://github.com/acme/repo-${step.repo}.git`;
        if (step.kind === "grant") org.repos.add(repositoryUrl);
        else org.repos.delete(repositoryUrl);
        emit({
          type: step.kind === "grant" ? "RepositoryGranted" : "RepositoryRevoked",
          data: { organization: org.key, installationId: "1", repositoryUrl },
        });
        return;
      }
      case "project": {
        const org = pick(orgs, step.org);
        if (org === undefined) return;
        const repositoryUrl = `https://github.com/acme/repo-${step.repo}.git`;
        if (!org.repos.has(repositoryUrl)) {
          org.repos.add(repositoryUrl); // a project needs a granted repository (rule 10)
          emit({ type: "RepositoryGranted", data: { organization: org.key, installationId: "1", repositoryUrl } });
        }
        const key = projectKeyOf(org.key, repositoryUrl, ".");
        if (projects.some((p) => p.key === key)) return;
        const project = { org: org.key, key, id: ulid("01H", ++ids) };
        projects.push(project);
        const name = `Project ${projects.length}`;
        emit({
          type: "ProjectRegistered",
          data: { organization: org.key, projectKey: key, name, nameSlug: `project-${projects.length}`, repositoryUrl, rootPath: "." },
        });
        emit({
          type: "ProjectCreated",
          data: { organization: org.key, projectKey: key, name, repositoryUrl, rootPath: ".", internalId: project.id },
        });
        return;
      }
      case "deploy": {
        const project = pick(projects, step.project);
        const name = DEPLOYMENTS[step.name] as string;
        if (project === undefined || deployments.some((d) => d.project === project && d.name === name)) return;
        const schedules = schedulesOf(step.schedules);
        const commit = hex(++commits, 40);
        deployments.push({
          project,
          name,
          commit,
          schedules: new Map(schedules.map((s) => [s.name, { interval: s.interval, enabled: false }])),
        });
        emit({
          type: "DeploymentCreated",
          data: {
            organization: project.org,
            projectKey: project.key,
            deployment: name,
            environment: name,
            gitRev: "main",
            commit,
            manifestDigest: "d".repeat(64),
            schedules,
          },
        });
        return;
      }
      case "redeploy": {
        const d = pick(deployments, step.deployment);
        if (d === undefined) return;
        const next = schedulesOf(step.schedules, step.interval);
        const names = new Set(next.map((s) => s.name));
        const removed = [...d.schedules].filter(([n]) => !names.has(n)).map(([name, s]) => ({ name, wasEnabled: s.enabled }));
        const added = next.filter((s) => !d.schedules.has(s.name));
        const kept = next.filter((s) => d.schedules.has(s.name)).map((s) => ({ ...s, enabled: d.schedules.get(s.name)?.enabled ?? false }));
        const previousCommit = d.commit;
        d.commit = hex(++commits, 40);
        d.schedules = new Map(
          next.map((s) => [s.name, { interval: s.interval, enabled: kept.find((k) => k.name === s.name)?.enabled ?? false }]),
        );
        emit({
          type: "DeploymentRedeployed",
          data: {
            organization: d.project.org,
            projectKey: d.project.key,
            deployment: d.name,
            previousCommit,
            commit: d.commit,
            manifestDigest: "e".repeat(64),
            trigger: "update",
            forced: true,
            preservedGitHash: false,
            schedulesAdded: added,
            schedulesRemoved: removed,
            schedulesKept: kept,
          },
        });
        return;
      }
      case "undeploy": {
        const d = pick(deployments, step.deployment);
        if (d === undefined) return;
        deployments.splice(deployments.indexOf(d), 1);
        const enabled = [...d.schedules].filter(([, s]) => s.enabled).map(([n]) => n);
        emit({
          type: "DeploymentDeleted",
          data: { organization: d.project.org, projectKey: d.project.key, deployment: d.name, enabledSchedulesDropped: enabled },
        });
        return;
      }
      case "toggle": {
        const d = pick(deployments, step.deployment);
        const name = d && pick([...d.schedules.keys()], step.schedule);
        const cell = name === undefined ? undefined : d?.schedules.get(name);
        if (d === undefined || name === undefined || cell === undefined || cell.enabled === step.on) return;
        cell.enabled = step.on;
        const data = { organization: d.project.org, projectKey: d.project.key, deployment: d.name, schedule: name };
        emit(step.on ? { type: "ScheduleEnabled", data } : { type: "ScheduleDisabled", data });
        return;
      }
      case "run": {
        const d = pick(deployments, step.deployment);
        const schedule = d && pick([...d.schedules.keys()], step.schedule);
        if (d === undefined || schedule === undefined) return;
        const execution: Execution = { project: d.project, id: hex(executions.length + 1, 32), state: "requested" };
        executions.push(execution);
        emit({
          type: "ExecutionRequested",
          data: {
            organization: d.project.org,
            projectKey: d.project.key,
            executionId: execution.id,
            deployment: d.name,
            schedule,
            environment: d.name,
            commit: d.commit,
            trigger: step.scheduled ? "scheduled" : "adhoc",
          },
        });
        return;
      }
      case "progress": {
        const open = executions.filter((e) => e.state !== "done");
        const e = pick(open, step.execution);
        if (e === undefined) return;
        const ref = { organization: e.project.org, projectKey: e.project.key, executionId: e.id };
        if (e.state === "requested" && !step.stop) {
          e.state = "running";
          emit({ type: "ExecutionStarted", data: ref });
        } else {
          e.state = "done";
          emit(
            step.stop
              ? { type: "ExecutionStopped", data: { ...ref, reason: "User requested stop" } }
              : { type: "ExecutionFinished", data: { ...ref, exitCode: step.exitCode } },
          );
        }
        return;
      }
      case "regenerate-org": {
        const org = pick(orgs, step.org);
        if (org === undefined) return;
        const previousInternalId = org.id;
        org.id = ulid("01H", ++ids);
        emit({ type: "OrganizationIdRegenerated", data: { organization: org.key, previousInternalId, internalId: org.id } });
        return;
      }
      case "regenerate-project": {
        const project = pick(projects, step.project);
        if (project === undefined) return;
        const previousInternalId = project.id;
        project.id = ulid("01H", ++ids);
        emit({
          type: "ProjectIdRegenerated",
          data: { organization: project.org, projectKey: project.key, previousInternalId, internalId: project.id },
        });
        return;
      }
      case "noop":
        return;
    }
  });
  return out;
}
