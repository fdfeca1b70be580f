import type { CommandOf } from "../../commands.js";
import { deploymentEventSerde } from "../../events.js";
import { DomainErrors } from "../../errors.js";
import { SLUG_PATTERN } from "../../codec/primitives.js";
import { deploymentDecider } from "../../deployment/decider.js";
import { deploymentStream, organizationStream, projectStream } from "../../streams.js";
import { rejected, type Dispatch, type DispatchSuccess, type Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";

/**
 * Rules 23-26: the flag is per (deployment, schedule). Unlike deployment commands, Meltano does not slugify the
 * deployment name here: it must be the deployment's name exactly, or the schedule is not found.
 */
async function setScheduleEnabled(
  run: Dispatch,
  command: CommandOf<"EnableSchedule"> | CommandOf<"DisableSchedule">,
): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  if (command.deployment.trim() === "") return rejected(DomainErrors.deploymentNameRequired());
  const project = await run.project(command.organization, command.projectKey);
  if (project._tag === "Left") return project;
  if (!SLUG_PATTERN.test(command.deployment)) return rejected(DomainErrors.scheduleNotFound(command.deployment, command.schedule));
  const { organization, projectKey, deployment, schedule } = command;
  const done = await run.exec(deploymentStream(projectKey, deployment), deploymentDecider, deploymentEventSerde, {
    type: command.type,
    organization,
    projectKey,
    deployment,
    schedule,
  });
  return done._tag === "Left" ? done : run.success();
}

export const scheduleToggleFlow: DeclaredFlow<CommandOf<"EnableSchedule"> | CommandOf<"DisableSchedule">> = {
  streams: ({ organization, projectKey, deployment }) => [
    organizationStream(organization),
    projectStream(projectKey),
    ...(SLUG_PATTERN.test(deployment) ? [deploymentStream(projectKey, deployment)] : []),
  ],
  run: setScheduleEnabled,
};
