import type { CommandOf } from "../../commands.js";
import { organizationEventSerde, projectEventSerde } from "../../events.js";
import { organizationDecider } from "../../organization/decider.js";
import { projectDecider } from "../../project/decider.js";
import { identifyProject } from "../../project/plan.js";
import { DomainErrors } from "../../errors.js";
import { organizationStream, projectStream } from "../../streams.js";
import type { JsonValue, RecordedEvent } from "../../ports/event-store.js";
import type { SecretRef, SecretWrite } from "../../ports/secret-vault.js";
import { rejected, type Dispatch, type DispatchSuccess, type Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";

/**
 * The organization's register goes first: it is the one place where project keys and name slugs of an organization
 * meet, so two concurrent creations cannot both pass the uniqueness checks (rule 9). The project stream follows.
 */
async function createProject(run: Dispatch, command: CommandOf<"CreateProject">): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const identity = identifyProject(command);
  if (identity._tag === "Left") return rejected(identity.left);
  const { projectKey, repositoryUrl, rootPath } = identity.right;
  const { organization, name } = command;

  const existing = await run.load(projectStream(projectKey), projectDecider, projectEventSerde, { seen: true });
  if (existing._tag === "Left") return existing;
  if (existing.right.state.status === "active" && existing.right.byCommand.length === 0) {
    return rejected(DomainErrors.projectAlreadyExists(repositoryUrl, rootPath));
  }
  // A creation interrupted between the two streams left the project registered but not created: finish it, under
  // the name it registered, instead of refusing the key forever.
  const interrupted =
    authorized.right.status === "active" && existing.right.state.status === "absent"
      ? authorized.right.projects.get(projectKey)
      : undefined;
  const register = { type: "RegisterProject" as const, organization, projectKey, name, repositoryUrl, rootPath };
  const internalId = run.ports.ids.ulid();
  const projectName = interrupted?.name ?? name;
  const create = { type: "CreateProject" as const, organization, projectKey, name: projectName, repositoryUrl, rootPath, internalId };
  // On a store with multi-stream appends, registration and creation land together (an interruption as above can then
  // only come from an older write or another store).
  if (interrupted === undefined && run.atomicPairs) {
    const done = await run.execPair(
      { streamName: organizationStream(organization), decider: organizationDecider, serde: organizationEventSerde, command: register },
      { streamName: projectStream(projectKey), decider: projectDecider, serde: projectEventSerde, follow: () => create },
    );
    return done._tag === "Left" ? done : run.success();
  }
  if (interrupted === undefined) {
    const registered = await run.exec(organizationStream(organization), organizationDecider, organizationEventSerde, register);
    if (registered._tag === "Left") return registered;
  }
  const created = await run.exec(projectStream(projectKey), projectDecider, projectEventSerde, create);
  return created._tag === "Left" ? created : run.success();
}

async function regenerateProjectId(run: Dispatch, command: CommandOf<"RegenerateProjectId">): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const { organization, projectKey } = command;
  const done = await run.exec(projectStream(projectKey), projectDecider, projectEventSerde, {
    type: "RegenerateProjectId",
    organization,
    projectKey,
    internalId: run.ports.ids.ulid(),
  });
  return done._tag === "Left" ? done : run.success();
}

/**
 * Rule 45: the value goes to the vault port (if any) and never into an event; the event records the name only. The
 * vault is written after the append, so a refused or failed append leaves no value behind; a repeated command id
 * reaches the vault again with its first event, which the vault ignores once it holds that write (see SecretVault).
 */
async function setSecret(run: Dispatch, command: CommandOf<"SetSecret">): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const { organization, projectKey, name } = command;
  const project = await run.project(organization, projectKey);
  if (project._tag === "Left") return project;
  const done = await run.exec(projectStream(projectKey), projectDecider, projectEventSerde, {
    type: "SetSecret",
    organization,
    projectKey,
    name,
  });
  if (done._tag === "Left") return done;
  const ref = { organization, projectKey, name };
  const at = writeOf(done.right.events, "SecretSet", ref);
  if (at !== undefined) await run.ports.vault?.put(ref, command.value, at);
  return run.success();
}

async function deleteSecret(run: Dispatch, command: CommandOf<"DeleteSecret">): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const { organization, projectKey, name } = command;
  const done = await run.exec(projectStream(projectKey), projectDecider, projectEventSerde, {
    type: "DeleteSecret",
    organization,
    projectKey,
    name,
  });
  if (done._tag === "Left") return done;
  // Repeated too: a deletion a crash cut short after its append is finished by the retry (the vault ignores the rest).
  const ref = { organization, projectKey, name };
  const at = writeOf(done.right.events, "SecretDeleted", ref);
  if (at !== undefined) await run.ports.vault?.delete(ref, at);
  return run.success();
}

/**
 * The event this command recorded for `ref`. A command id reused for another secret (or another kind of command)
 * finds none: its first use's events are about something else, so the vault is left alone.
 */
function writeOf(events: readonly RecordedEvent[], type: "SecretSet" | "SecretDeleted", ref: SecretRef): SecretWrite | undefined {
  const event = events.find((e) => e.type === type && isAbout(e.data, ref));
  return event === undefined ? undefined : { eventId: event.eventId, version: event.version };
}

function isAbout(data: JsonValue, ref: SecretRef): boolean {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return false;
  const fields = data as { readonly [key: string]: JsonValue };
  return fields.organization === ref.organization && fields.projectKey === ref.projectKey && fields.name === ref.name;
}

type ProjectScoped = CommandOf<"RegenerateProjectId"> | CommandOf<"SetSecret"> | CommandOf<"DeleteSecret">;
const projectScopedStreams = (command: ProjectScoped) => [organizationStream(command.organization), projectStream(command.projectKey)];

export const createProjectFlow: DeclaredFlow<CommandOf<"CreateProject">> = {
  streams(command) {
    const identity = identifyProject(command);
    return [organizationStream(command.organization), ...(identity._tag === "Right" ? [projectStream(identity.right.projectKey)] : [])];
  },
  run: createProject,
};
export const regenerateProjectIdFlow: DeclaredFlow<CommandOf<"RegenerateProjectId">> = {
  streams: projectScopedStreams,
  run: regenerateProjectId,
};
export const setSecretFlow: DeclaredFlow<CommandOf<"SetSecret">> = { streams: projectScopedStreams, run: setSecret };
export const deleteSecretFlow: DeclaredFlow<CommandOf<"DeleteSecret">> = { streams: projectScopedStreams, run: deleteSecret };
