import type { ControlPlaneCommand } from "../../commands.js";
import type { ProjectManifest } from "../../manifest/types.js";
import type { ManifestVariant, ScenarioDispatch, ScenarioUniverse } from "../arbitraries-scenario-universe.js";
import { deploymentTickKey, dueTicks } from "../../schedule-timing/index.js";
import { emptyFacts, type Facts } from "./facts.js";

/*
 * A small reference model of the control plane, written from the rules (issue 2, rulebook §8) and not from the code:
 * maps of deployments, schedule flags, executions and secret names, plus the scenario's git heads. For each command
 * it predicts acceptance and applies the accepted effect; the test compares it with a replay of the real store.
 * The universe's actors always hold the right role, so authorization is only exercised by the always-invalid steps.
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const COMMIT = /^[0-9a-f]{40}$/;

/** python-slugify as rule 11 describes it (kept separate from the domain's on purpose). */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export class ReferenceModel {
  readonly facts: Facts = emptyFacts();
  private readonly heads = new Map<string, Map<string, string>>();
  private readonly variants = new Map<string, ManifestVariant>();
  /** Scheduled ticks already recorded: recording one again is harmless. */
  private readonly tickIds = new Set<string>();

  constructor(private readonly universe: ScenarioUniverse) {
    for (const p of universe.projects) {
      this.facts.projectIndex.set(p.projectKey, new Set());
      this.facts.secrets.set(p.projectKey, new Set());
    }
  }

  /** Records a commit the scenario git made on a branch. */
  pushed(repositoryUrl: string, branch: string, variant: ManifestVariant, commit: string): void {
    const branches = this.heads.get(repositoryUrl) ?? new Map<string, string>();
    branches.set(branch, commit);
    this.heads.set(repositoryUrl, branches);
    this.variants.set(commit, variant);
  }

  private repositoryOf(projectKey: string): string | undefined {
    return this.universe.projects.find((p) => p.projectKey === projectKey)?.repositoryUrl;
  }

  private resolve(repositoryUrl: string, revision: string): string | undefined {
    if (COMMIT.test(revision)) return this.variants.has(revision) ? revision : undefined;
    return this.heads.get(repositoryUrl)?.get(revision);
  }

  private manifest(commit: string): { readonly manifest: ProjectManifest; readonly ok: boolean } {
    const variant = this.variants.get(commit) ?? "invalid";
    const { manifest, errors } = this.universe.manifests[variant];
    return { manifest, ok: errors.length === 0 };
  }

  /** Rule 21 and 13: the schedules the environment gets, or undefined when the commit cannot be deployed there. */
  private deployable(commit: string, environment: string): string[] | undefined {
    const { manifest, ok } = this.manifest(commit);
    if (!ok || !manifest.environments.some((e) => e.name === environment) || manifest.schedules.length === 0) return undefined;
    return manifest.schedules
      .filter((s) => s.cloudEnvironments === undefined || s.cloudEnvironments.length === 0 || s.cloudEnvironments.includes(environment))
      .map((s) => s.name);
  }

  /** Rules 16 and 22: a redeploy happens on a new commit or when forced; flags stay, new schedules start disabled. */
  private redeploy(key: string, commit: string, force: boolean): boolean {
    const current = this.facts.deployments.get(key);
    if (current === undefined) return false;
    const names = this.deployable(commit, current.environment);
    if (names === undefined) return false;
    // Rule 16: "no change" is the same commit, whatever the manifests say.
    if (commit === current.commit && !force) return false;
    const schedules = new Map(names.map((n) => [n, current.schedules.get(n) ?? false]));
    this.facts.deployments.set(key, { ...current, commit, schedules });
    return true;
  }

  /**
   * Predicts whether the command is accepted and, if so, applies its effect. `newExecutionId` reads the id of the
   * execution an accepted run requested (ids are the system's to choose).
   */
  dispatch({ actor, command }: ScenarioDispatch, newExecutionId: () => string | undefined): boolean {
    if (!this.authorized(actor, command)) return false;
    if (
      "projectKey" in command &&
      !this.universe.projects.some((p) => p.projectKey === command.projectKey && p.organization === command.organization)
    ) {
      return false;
    }
    return this.decide(command, newExecutionId);
  }

  /** The matrix: owners do everything, maintainers deployments, schedules, runs and secrets, readers nothing. */
  private authorized(actor: string, command: ControlPlaneCommand): boolean {
    const system = new Set([
      "NotifyBranchUpdated",
      "RequestScheduledExecution",
      "StartExecution",
      "FinishExecution",
      "StopExecution",
      "ReportExecutionStopped",
      "RegenerateOrganizationId",
      "RegenerateProjectId",
    ]);
    if (actor.startsWith("system:")) return system.has(command.type);
    if (!("organization" in command)) return false;
    const organization = this.universe.organizations.find((o) => o.billingAccountNumber === command.organization);
    const user = actor.slice("github:".length);
    if (organization?.owner === user)
      return !["NotifyBranchUpdated", "RequestScheduledExecution", "StartExecution", "FinishExecution", "ReportExecutionStopped"].includes(
        command.type,
      );
    const maintainer = new Set([
      "CreateDeployment",
      "UpdateDeployment",
      "DeleteDeployment",
      "EnableSchedule",
      "DisableSchedule",
      "RunSchedule",
      "StopExecution",
      "SetSecret",
      "DeleteSecret",
    ]);
    return organization?.maintainer === user && maintainer.has(command.type);
  }

  private decide(c: ControlPlaneCommand, newExecutionId: () => string | undefined): boolean {
    const f = this.facts;
    switch (c.type) {
      case "CreateDeployment": {
        const s = slug(c.name);
        const repositoryUrl = this.repositoryOf(c.projectKey);
        if (s === "" || repositoryUrl === undefined || f.deployments.has(`${c.projectKey}.${s}`)) return false;
        const commit = this.resolve(repositoryUrl, c.gitRev);
        const names = commit === undefined ? undefined : this.deployable(commit, c.environment);
        if (commit === undefined || names === undefined) return false;
        f.deployments.set(`${c.projectKey}.${s}`, {
          environment: c.environment,
          gitRev: c.gitRev,
          commit,
          schedules: new Map(names.map((n) => [n, false])),
        });
        f.projectIndex.get(c.projectKey)?.add(s);
        return true;
      }
      case "UpdateDeployment": {
        const key = `${c.projectKey}.${slug(c.name)}`;
        const current = f.deployments.get(key);
        const repositoryUrl = this.repositoryOf(c.projectKey);
        if (current === undefined || repositoryUrl === undefined) return false;
        const commit = c.preserveGitHash === true ? current.commit : this.resolve(repositoryUrl, current.gitRev);
        return commit !== undefined && this.redeploy(key, commit, c.force ?? false);
      }
      case "DeleteDeployment": {
        const s = slug(c.name);
        if (!f.deployments.delete(`${c.projectKey}.${s}`)) return false;
        f.projectIndex.get(c.projectKey)?.delete(s);
        return true;
      }
      case "NotifyBranchUpdated": {
        for (const p of this.universe.projects.filter((x) => x.organization === c.organization && x.repositoryUrl === c.repositoryUrl)) {
          for (const [key, d] of f.deployments) {
            if (!key.startsWith(`${p.projectKey}.`) || d.gitRev !== c.branch) continue;
            const head = this.resolve(p.repositoryUrl, c.branch);
            if (head !== undefined) this.redeploy(key, head, false);
          }
        }
        return true;
      }
      case "EnableSchedule":
      case "DisableSchedule": {
        const d = SLUG.test(c.deployment) ? f.deployments.get(`${c.projectKey}.${c.deployment}`) : undefined;
        if (d?.schedules.has(c.schedule) !== true) return false;
        d.schedules.set(c.schedule, c.type === "EnableSchedule");
        return true;
      }
      case "RunSchedule":
      case "RequestScheduledExecution": {
        const d = SLUG.test(c.deployment) ? f.deployments.get(`${c.projectKey}.${c.deployment}`) : undefined;
        const enabled = d?.schedules.get(c.schedule);
        const tickAlreadyRecorded = c.type === "RequestScheduledExecution" && this.tickIds.has(this.tickKey(c));
        if (tickAlreadyRecorded) return true;
        if (enabled === undefined || (c.type === "RequestScheduledExecution" && !enabled)) return false;
        if (c.type === "RequestScheduledExecution" && !this.dueTicksOf(c).includes(c.tickId)) return false;
        const executionId = newExecutionId();
        if (executionId === undefined || f.executions.has(executionId)) throw new Error("an accepted run must request a new execution");
        if (c.type === "RequestScheduledExecution") this.tickIds.add(this.tickKey(c));
        f.executions.set(executionId, { projectKey: c.projectKey, deployment: c.deployment, schedule: c.schedule, status: "requested" });
        return true;
      }
      case "StartExecution":
      case "FinishExecution":
      case "StopExecution":
      case "ReportExecutionStopped":
        return this.lifecycle(c);
      case "SetSecret":
        f.secrets.get(c.projectKey)?.add(c.name);
        return f.secrets.has(c.projectKey);
      case "DeleteSecret":
        return f.secrets.get(c.projectKey)?.delete(c.name) ?? false;
      case "RegenerateProjectId":
      case "RegenerateOrganizationId":
        return true;
      default:
        // Everything else in these scenarios is one of the always-invalid steps.
        return false;
    }
  }

  /**
   * Rules 29, 30, 43: the scenarios name ticks `tick-N`; the harness sends the schedule's Nth due tick from a fixed day
   * instead, as a scheduler would. A schedule without ticks (manual-only, or unknown here) keeps the made-up id.
   */
  dueTickId(c: { projectKey: string; deployment: string; schedule: string; tickId: string }): string {
    const n = /^tick-(\d+)$/.exec(c.tickId)?.[1];
    return n === undefined ? c.tickId : (this.dueTicksOf(c)[Number(n) - 1] ?? c.tickId);
  }

  private dueTicksOf(c: { projectKey: string; deployment: string; schedule: string }): string[] {
    const d = SLUG.test(c.deployment) ? this.facts.deployments.get(`${c.projectKey}.${c.deployment}`) : undefined;
    const interval = d === undefined ? undefined : this.manifest(d.commit).manifest.schedules.find((s) => s.name === c.schedule)?.interval;
    if (interval === undefined) return [];
    const schedule = { deploymentKey: deploymentTickKey(c.projectKey, c.deployment), scheduleName: c.schedule, interval, enabled: true };
    return dueTicks({ schedules: [schedule], from: "2026-12-01T00:00:00Z", to: "2027-01-01T00:00:00Z" }).map((t) => t.tickId);
  }

  private tickKey(c: { organization: string; projectKey: string; deployment: string; schedule: string; tickId: string }): string {
    return JSON.stringify([c.organization, c.projectKey, c.deployment, c.schedule, c.tickId]);
  }

  /**
   * Rules 38-40: requested -> running -> finished (exit code), or stopped; repeats of the same transition are no-ops. The
   * model's runs are reported without a runner id, so a stop is immediate and a reported stop needs a running execution
   * (a user's stop is confirmed only from STOPPING, which needs a runner's claim).
   */
  private lifecycle(
    c: Extract<ControlPlaneCommand, { type: "StartExecution" | "FinishExecution" | "StopExecution" | "ReportExecutionStopped" }>,
  ): boolean {
    const e = this.facts.executions.get(c.executionId);
    if (e === undefined || e.projectKey !== c.projectKey) return false;
    const set = (status: string, exitCode?: number) =>
      this.facts.executions.set(c.executionId, { ...e, status, ...(exitCode === undefined ? {} : { exitCode }) });
    switch (c.type) {
      case "StartExecution":
        if (e.status === "requested") set("running");
        return e.status === "requested" || e.status === "running";
      case "FinishExecution":
        if (e.status === "running") set("finished", c.exitCode);
        return e.status === "running" || (e.status === "finished" && e.exitCode === c.exitCode);
      case "StopExecution":
        if (e.status === "requested" || e.status === "running") set("stopped");
        return e.status === "requested" || e.status === "running";
      case "ReportExecutionStopped": {
        const accepted =
          e.status === "running" && c.cause !== "user-requested" && (c.cause === "runner-vanished" || c.runnerId === undefined);
        if (accepted) set("stopped");
        return accepted;
      }
    }
  }
}
