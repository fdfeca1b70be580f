import fc from "fast-check";
import type { ControlPlaneCommandType } from "../commands.js";
import { controlPlaneCommandArbitrary } from "./arbitraries-commands.js";
import {
  blankNameArbitrary,
  escapingRootPathArbitrary,
  invalidOrganizationNameArbitrary,
  projectKeyArbitrary,
} from "./arbitraries-primitives.js";
import { organizationOf, type ScenarioDispatch, type ScenarioUniverse } from "./arbitraries-scenario-universe.js";

/** A malformed command and the field its decode error must name (`(root)` when the whole value is wrong). */
export interface InvalidCommandInput {
  readonly input: unknown;
  readonly field: string;
  readonly mutation: "not-an-object" | "unknown-type" | "missing-field" | "wrong-type" | "unknown-field";
}

/** Optional fields per command type: removing one of these leaves a valid command. */
export const OPTIONAL_COMMAND_FIELDS: Readonly<Partial<Record<ControlPlaneCommandType, readonly string[]>>> = {
  CreateOrganization: ["billingAccountNumber", "owner"],
  CreateProject: ["rootPath"],
  UpdateDeployment: ["force", "preserveGitHash"],
  StartDeliveryAttempt: ["projectKey"],
  RecordDeliveryOutcome: ["projectKey", "statusCode", "error"],
};

/** A JSON value of another type than `value`'s, so that putting it in `value`'s place is a type error. */
function wrongTypeFor(value: unknown): fc.Arbitrary<unknown> {
  const others: unknown[] = [null, 42, -1.5, true, [], {}, ["x"], { nested: "x" }];
  if (typeof value === "string") return fc.constantFrom(...others);
  if (typeof value === "boolean") return fc.constantFrom(...others.filter((o) => typeof o !== "boolean"), "true", "yes");
  // Numbers are bounded integers (exit codes 0-255, attempts 1-100, status codes 100-599): none of these is one.
  return fc.constantFrom(...others.filter((o) => typeof o !== "number"), "0", -1, 1.5, Number.MAX_SAFE_INTEGER);
}

/** Field names no command has. */
const unknownFieldArbitrary = fc.oneof(
  fc.constantFrom("forse", "actor", "__proto__x", "Name", "organisation"),
  fc.stringMatching(/^zz[a-z]{1,8}$/),
);

/**
 * Raw JSON that is not a valid command, each with exactly one thing wrong: a non-object root, an unknown type, a
 * required field missing, a field of the wrong type, or a field no command has.
 */
export const invalidCommandInputArbitrary: fc.Arbitrary<InvalidCommandInput> = fc.oneof(
  fc
    .oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.boolean())
    .map((input): InvalidCommandInput => ({ input, field: "(root)", mutation: "not-an-object" })),
  fc
    .tuple(
      controlPlaneCommandArbitrary,
      fc.oneof(fc.constantFrom("Deploy", "signupuser", "", "toString", "constructor", "__proto__"), fc.integer(), fc.constant(null)),
    )
    .map(([command, type]): InvalidCommandInput => ({ input: { ...command, type }, field: "type", mutation: "unknown-type" })),
  controlPlaneCommandArbitrary.chain((command) => {
    const optional = OPTIONAL_COMMAND_FIELDS[command.type] ?? [];
    const required = Object.keys(command).filter((k) => k !== "type" && !optional.includes(k));
    if (required.length === 0) return fc.constant({ input: { ...command, extra: 1 }, field: "extra", mutation: "unknown-field" as const });
    return fc.constantFrom(...required).map((field): InvalidCommandInput => {
      const input: Record<string, unknown> = { ...command };
      delete input[field];
      return { input, field, mutation: "missing-field" };
    });
  }),
  controlPlaneCommandArbitrary.chain((command) => {
    const fields = Object.keys(command).filter((k) => k !== "type");
    return fc
      .constantFrom(...fields)
      .chain((field) => wrongTypeFor((command as unknown as Record<string, unknown>)[field]).map((bad) => ({ field, bad })))
      .map(({ field, bad }): InvalidCommandInput => ({ input: { ...command, [field]: bad }, field, mutation: "wrong-type" }));
  }),
  fc
    .tuple(controlPlaneCommandArbitrary, unknownFieldArbitrary, fc.jsonValue({ maxDepth: 1 }))
    .filter(([command, field]) => !(field in command))
    .map(([command, field, value]): InvalidCommandInput => ({ input: { ...command, [field]: value }, field, mutation: "unknown-field" })),
);

/**
 * Commands that every state of a scenario must refuse, with the kind of refusal: unknown references (projects,
 * organizations), malformed names, and actors without the right (outsiders, readers, members of another organization).
 * Only valid for scenarios that never change memberships.
 */
export function scenarioInvalidDispatchArbitrary(universe: ScenarioUniverse): fc.Arbitrary<ScenarioDispatch & { readonly reason: string }> {
  const project = fc.constantFrom(...universe.projects);
  const outsider = `github:${universe.outsider}`;
  const deployment = fc.constantFrom(...universe.deployments);
  const schedule = fc.constantFrom(...universe.schedules);
  const mutating = project.chain((p) =>
    fc.oneof(
      deployment.map((name) => ({
        type: "CreateDeployment" as const,
        organization: p.organization,
        projectKey: p.projectKey,
        name,
        environment: "prod",
        gitRev: "main",
      })),
      deployment.map((name) => ({ type: "DeleteDeployment" as const, organization: p.organization, projectKey: p.projectKey, name })),
      fc.tuple(deployment, schedule).map(([d, s]) => ({
        type: "EnableSchedule" as const,
        organization: p.organization,
        projectKey: p.projectKey,
        deployment: d,
        schedule: s,
      })),
      fc.tuple(deployment, schedule).map(([d, s]) => ({
        type: "RunSchedule" as const,
        organization: p.organization,
        projectKey: p.projectKey,
        deployment: d,
        schedule: s,
      })),
      fc.constant({
        type: "SetSecret" as const,
        organization: p.organization,
        projectKey: p.projectKey,
        name: "TAP_TOKEN",
        value: "hunter2",
      }),
      fc.constant({ type: "RegenerateProjectId" as const, organization: p.organization, projectKey: p.projectKey }),
      fc.constant({ type: "AddMember" as const, organization: p.organization, githubUserId: universe.outsider, role: "owner" as const }),
    ),
  );
  const withReason = (reason: string) => (d: ScenarioDispatch) => ({ ...d, reason });
  return fc.oneof(
    mutating.map((command) => withReason("outsider")({ actor: outsider, command })),
    mutating.map((command) => {
      const o = universe.organizations.find((org) => org.billingAccountNumber === command.organization);
      return withReason("reader")({ actor: `github:${o?.reader ?? universe.outsider}`, command });
    }),
    mutating.chain((command) => {
      const others = universe.organizations.filter((o) => o.billingAccountNumber !== command.organization);
      return fc.constantFrom(...others).map((o) => withReason("other-organization-owner")({ actor: `github:${o.owner}`, command }));
    }),
    // Another organization's project addressed through one's own organization: reads as missing.
    fc.tuple(project, deployment).chain(([p, name]) => {
      const others = universe.organizations.filter((o) => o.billingAccountNumber !== p.organization);
      return fc.constantFrom(...others).map((o) =>
        withReason("foreign-project")({
          actor: `github:${o.owner}`,
          command: {
            type: "CreateDeployment",
            organization: o.billingAccountNumber,
            projectKey: p.projectKey,
            name,
            environment: "prod",
            gitRev: "main",
          },
        }),
      );
    }),
    fc
      .tuple(
        project,
        projectKeyArbitrary.filter((k) => !universe.projects.some((p) => p.projectKey === k)),
        deployment,
      )
      .map(([p, projectKey, name]) =>
        withReason("unknown-project")({
          actor: `github:${organizationOf(universe, p).owner}`,
          command: { type: "DeleteDeployment", organization: p.organization, projectKey, name },
        }),
      ),
    fc
      .tuple(project, blankNameArbitrary, fc.constantFrom("CreateDeployment", "UpdateDeployment", "DeleteDeployment"))
      .map(([p, name, type]) => {
        const ref = { organization: p.organization, projectKey: p.projectKey, name };
        const command = type === "CreateDeployment" ? { type, ...ref, environment: "prod", gitRev: "main" } : { type, ...ref };
        return withReason("blank-deployment-name")({ actor: `github:${organizationOf(universe, p).maintainer}`, command });
      }),
    fc.tuple(project, escapingRootPathArbitrary).map(([p, rootPath]) =>
      withReason("escaping-root-path")({
        actor: `github:${organizationOf(universe, p).owner}`,
        command: { type: "CreateProject", organization: p.organization, name: "Escapee", repositoryUrl: p.repositoryUrl, rootPath },
      }),
    ),
    fc
      .tuple(fc.constantFrom(...universe.users), invalidOrganizationNameArbitrary)
      .map(([u, name]) =>
        withReason("invalid-organization-name")({ actor: `github:${u.githubUserId}`, command: { type: "CreateOrganization", name } }),
      ),
    fc.tuple(project, deployment).map(([p, d]) =>
      withReason("unknown-schedule")({
        actor: `github:${organizationOf(universe, p).maintainer}`,
        command: {
          type: "EnableSchedule",
          organization: p.organization,
          projectKey: p.projectKey,
          deployment: d,
          schedule: "never-defined",
        },
      }),
    ),
  );
}
