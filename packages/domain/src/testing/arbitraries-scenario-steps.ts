import fc from "fast-check";
import type { ControlPlaneCommand } from "../commands.js";
import {
  organizationOf,
  scenarioPinnedCommits,
  type ManifestVariant,
  type ScenarioProject,
  type ScenarioUniverse,
} from "./arbitraries-scenario-universe.js";

/*
 * Random steps over a scenario universe, weighted so that most are accepted once the world is bootstrapped: the right
 * member acts, names come from small pools, and an execution step picks one of the executions that exist by then.
 */

export type ExecutionAction = "StartExecution" | "FinishExecution" | "StopExecution";

export type DeploymentAction =
  "EnableSchedule" | "DisableSchedule" | "RunSchedule" | "RequestScheduledExecution" | "UpdateDeployment" | "DeleteDeployment";

/**
 * One step of a scenario: a command, a push to a repository, or a command about an execution or a deployment picked
 * at run time among those that exist by then (see `resolveScenarioStep`) — that is what keeps sequences mostly valid.
 */
export type ScenarioStep =
  | { readonly kind: "dispatch"; readonly actor: string; readonly command: ControlPlaneCommand }
  | {
      readonly kind: "push";
      readonly repositoryUrl: string;
      readonly branch: string;
      readonly variant: ManifestVariant;
      /** Whether GitHub's webhook reports the push right away (see `webhookAfterPush`). */
      readonly notify: boolean;
    }
  | {
      readonly kind: "execution";
      readonly project: ScenarioProject;
      readonly action: ExecutionAction;
      readonly pick: number;
      readonly exitCode: number;
    }
  | {
      readonly kind: "on-deployment";
      readonly action: DeploymentAction;
      readonly pick: number;
      readonly schedulePick: number;
      readonly tickId: string;
      readonly force: boolean;
      readonly preserveGitHash: boolean;
      readonly byOwner: boolean;
    };

/** How people type a deployment name: all of these slugify to `slug` (rule 11). */
export function spellingsOf(slug: string): readonly string[] {
  const capitalized = `${slug.charAt(0).toUpperCase()}${slug.slice(1)}`;
  return [slug, capitalized, ` ${slug.toUpperCase()} `, `${capitalized}!`];
}

/** Picks from a pool, the first entry about half the time and each next one about half as often as the one before. */
export function favouring<T>(pool: readonly T[]): fc.Arbitrary<T> {
  if (pool.length === 0) throw new RangeError("an empty pool has nothing to pick");
  return fc.oneof(...pool.map((value, index) => ({ weight: 2 ** Math.max(0, pool.length - index - 1), arbitrary: fc.constant(value) })));
}

export interface ScenarioStepOptions {
  /** Pinned commits per repository (default: what `createScenarioGit` produces for the universe). */
  readonly pinned?: ReadonlyMap<string, string>;
}

/** Steps that are accepted most of the time in a bootstrapped universe (and rejected for a good reason otherwise). */
export function scenarioStepArbitrary(universe: ScenarioUniverse, options: ScenarioStepOptions = {}): fc.Arbitrary<ScenarioStep> {
  const pinned = options.pinned ?? scenarioPinnedCommits(universe);
  // Earlier pool entries are likelier, so that steps keep meeting the same project, deployment and schedule.
  const project = favouring(universe.projects);
  const slug = favouring(universe.deployments);
  const schedule = favouring(universe.schedules);
  // Few ticks, the first one most often: the same tick gets recorded twice now and then (which must be harmless).
  const tick = favouring(["tick-1", "tick-2", "tick-3"]);
  const withMember = <T>(build: (p: ScenarioProject, actor: string) => fc.Arbitrary<T>) =>
    project.chain((p) => {
      const o = organizationOf(universe, p);
      return fc.constantFrom(`github:${o.owner}`, `github:${o.maintainer}`).chain((actor) => build(p, actor));
    });
  const dispatch = (actor: string, command: ControlPlaneCommand): ScenarioStep => ({ kind: "dispatch", actor, command });
  const inProject = (p: ScenarioProject) => ({ organization: p.organization, projectKey: p.projectKey });
  // Schedule and run commands take the deployment name verbatim; a spelling other than the slug is not found.
  const exactName = slug.chain((s) =>
    fc.oneof({ weight: 5, arbitrary: fc.constant(s) }, { weight: 1, arbitrary: fc.constantFrom(...spellingsOf(s)) }),
  );

  const create = withMember((p, actor) =>
    fc
      .record({
        name: slug.chain((s) => fc.constantFrom(...spellingsOf(s))),
        environment: favouring(universe.environments),
        gitRev: fc.constantFrom(...universe.branches, pinned.get(p.repositoryUrl) ?? "main", "no-such-branch"),
      })
      .map(({ name, environment, gitRev }) => dispatch(actor, { type: "CreateDeployment", ...inProject(p), name, environment, gitRev })),
  );
  const update = withMember((p, actor) =>
    fc
      .record(
        { name: slug.chain((s) => fc.constantFrom(...spellingsOf(s))), force: fc.boolean(), preserveGitHash: fc.boolean() },
        { requiredKeys: ["name"] },
      )
      .map((fields) => dispatch(actor, { type: "UpdateDeployment", ...inProject(p), ...fields })),
  );
  const remove = withMember((p, actor) => slug.map((name) => dispatch(actor, { type: "DeleteDeployment", ...inProject(p), name })));
  const toggle = withMember((p, actor) =>
    fc
      .tuple(fc.constantFrom("EnableSchedule" as const, "EnableSchedule" as const, "DisableSchedule" as const), exactName, schedule)
      .map(([type, deployment, s]) => dispatch(actor, { type, ...inProject(p), deployment, schedule: s })),
  );
  const runNow = withMember((p, actor) =>
    fc
      .tuple(exactName, schedule)
      .map(([deployment, s]) => dispatch(actor, { type: "RunSchedule", ...inProject(p), deployment, schedule: s })),
  );
  const tickStep = project.chain((p) =>
    fc
      .tuple(exactName, schedule, tick)
      .map(([deployment, s, tickId]) =>
        dispatch("system:scheduler", { type: "RequestScheduledExecution", ...inProject(p), deployment, schedule: s, tickId }),
      ),
  );
  const lifecycle = fc
    .record({
      project,
      action: fc.constantFrom<ExecutionAction>("StartExecution", "StartExecution", "FinishExecution", "FinishExecution", "StopExecution"),
      pick: fc.nat({ max: 7 }),
      exitCode: fc.constantFrom(0, 0, 1, 2),
    })
    .map((s): ScenarioStep => ({ kind: "execution", ...s }));
  const push = fc
    .record({
      repositoryUrl: favouring([...new Set(universe.projects.map((p) => p.repositoryUrl))]),
      branch: fc.constantFrom(...universe.branches),
      variant: fc.constantFrom<ManifestVariant>("base", "changed", "prod-only", "no-schedules", "invalid"),
      notify: fc.boolean(),
    })
    .map((s): ScenarioStep => ({ kind: "push", ...s }));
  const webhook = project.chain((p) =>
    fc.constantFrom(...universe.branches).map((branch) =>
      dispatch("system:github-webhooks", {
        type: "NotifyBranchUpdated",
        organization: p.organization,
        repositoryUrl: p.repositoryUrl,
        branch,
      }),
    ),
  );
  const secrets = withMember((p, actor) =>
    fc
      .tuple(fc.boolean(), favouring(["TAP_GITHUB_AUTH_TOKEN", "TARGET_PASSWORD"]), fc.string({ minLength: 1, maxLength: 16 }))
      .map(([set, name, value]) =>
        dispatch(actor, set ? { type: "SetSecret", ...inProject(p), name, value } : { type: "DeleteSecret", ...inProject(p), name }),
      ),
  );
  const regenerate = project.chain((p) => {
    const owner = `github:${organizationOf(universe, p).owner}`;
    return fc.constantFrom(
      dispatch(owner, { type: "RegenerateProjectId", ...inProject(p) }),
      dispatch("system:platform", { type: "RegenerateOrganizationId", organization: p.organization }),
    );
  });

  const onDeployment = fc
    .record({
      action: fc.constantFrom<DeploymentAction>(
        "EnableSchedule",
        "EnableSchedule",
        "EnableSchedule",
        "DisableSchedule",
        "RunSchedule",
        "RunSchedule",
        "RequestScheduledExecution",
        "RequestScheduledExecution",
        "UpdateDeployment",
        "DeleteDeployment",
      ),
      pick: fc.nat({ max: 11 }),
      schedulePick: fc.nat({ max: 5 }),
      tickId: tick,
      force: fc.boolean(),
      preserveGitHash: fc.boolean(),
      byOwner: fc.boolean(),
    })
    .map((s): ScenarioStep => ({ kind: "on-deployment", ...s }));

  return fc.oneof(
    { weight: 14, arbitrary: onDeployment },
    { weight: 4, arbitrary: create },
    { weight: 1, arbitrary: update },
    { weight: 1, arbitrary: remove },
    { weight: 2, arbitrary: toggle },
    { weight: 1, arbitrary: runNow },
    { weight: 1, arbitrary: tickStep },
    { weight: 6, arbitrary: lifecycle },
    { weight: 3, arbitrary: push },
    { weight: 2, arbitrary: webhook },
    { weight: 2, arbitrary: secrets },
    { weight: 1, arbitrary: regenerate },
  );
}
