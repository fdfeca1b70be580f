import type { CommandOf } from "../../commands.js";
import { stateEventSerde } from "../../events.js";
import { canonicalJson } from "../../integrity/canonical-json.js";
import { bookmarkDecider } from "../../state/decider.js";
import { normalizeStateContent, type StateContent } from "../../state/state-content.js";
import { stateStream } from "../../streams.js";
import type { Dispatch, DispatchSuccess, Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";
import { organizationStream, projectStream } from "../../streams.js";
import { stateIdProblem } from "../../state/state-id.js";

/**
 * Rules 52 and 53: a bookmark belongs to the project (not to a deployment), so the project must exist in the
 * organization; its content is normalized, then identified by the SHA-256 of its canonical JSON, which is what the
 * next change records as `previousDigest`.
 */
export async function setState(run: Dispatch, command: CommandOf<"SetState">): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const { organization, projectKey, stateId } = command;
  const project = await run.project(organization, projectKey);
  if (project._tag === "Left") return project;
  // The codec accepted the input only if its normalized form is valid content.
  const content = normalizeStateContent(command.content) as StateContent;
  const digest = run.ports.sha256(canonicalJson(content));
  const done = await run.exec(stateStream(projectKey, stateId), bookmarkDecider, stateEventSerde, {
    type: "SetState",
    organization,
    projectKey,
    stateId,
    content,
    digest,
  });
  return done._tag === "Left" ? done : run.success();
}

export async function deleteState(run: Dispatch, command: CommandOf<"DeleteState">): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const { organization, projectKey, stateId } = command;
  const project = await run.project(organization, projectKey);
  if (project._tag === "Left") return project;
  const done = await run.exec(stateStream(projectKey, stateId), bookmarkDecider, stateEventSerde, {
    type: "DeleteState",
    organization,
    projectKey,
    stateId,
  });
  return done._tag === "Left" ? done : run.success();
}

const stateStreams = ({ organization, projectKey, stateId }: CommandOf<"SetState"> | CommandOf<"DeleteState">): readonly string[] => [
  organizationStream(organization),
  projectStream(projectKey),
  ...(stateIdProblem(stateId) === undefined ? [stateStream(projectKey, stateId)] : []),
];

export const setStateFlow: DeclaredFlow<CommandOf<"SetState">> = { streams: stateStreams, run: setState };
export const deleteStateFlow: DeclaredFlow<CommandOf<"DeleteState">> = { streams: stateStreams, run: deleteState };
