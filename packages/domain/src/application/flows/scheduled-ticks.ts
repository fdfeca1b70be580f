import type { CommandOf } from "../../commands.js";
import { deploymentEventSerde, scheduleProgressEventSerde } from "../../events.js";
import { DomainErrors } from "../../errors.js";
import { SLUG_PATTERN } from "../../codec/primitives.js";
import { deploymentDecider } from "../../deployment/decider.js";
import { scheduleProgressDecider } from "../../schedule-progress/decider.js";
import { scheduleProgressKeyOf } from "../../naming/keys.js";
import { deploymentStream, scheduleProgressStream } from "../../streams.js";
import { rejected, type Dispatch, type DispatchSuccess, type Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";
import { organizationStream, projectStream } from "../../streams.js";

/** The scheduler takes a pair's tick on the pair's progress stream (rules 29, 30, 43; the missed-tick policy, rule L13). */
export async function claimScheduledTick(run: Dispatch, command: CommandOf<"ClaimScheduledTick">): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const { organization, projectKey, deployment, schedule, tickId } = command;
  const project = await run.project(organization, projectKey);
  if (project._tag === "Left") return project;
  if (!SLUG_PATTERN.test(deployment)) return rejected(DomainErrors.scheduleNotFound(deployment, schedule));
  const deploymentState = await run.load(deploymentStream(projectKey, deployment), deploymentDecider, deploymentEventSerde);
  if (deploymentState._tag === "Left") return deploymentState;
  const stream = scheduleProgressStream(scheduleProgressKeyOf(organization, projectKey, deployment, schedule));
  const done = await run.exec(stream, scheduleProgressDecider, scheduleProgressEventSerde, {
    type: "ClaimScheduledTick",
    organization,
    projectKey,
    deploymentName: deployment,
    schedule,
    tickId,
    ...(command.since === undefined ? {} : { since: command.since }),
    deploymentState: deploymentState.right.state,
  });
  return done._tag === "Left" ? done : run.success();
}

export const claimScheduledTickFlow: DeclaredFlow<CommandOf<"ClaimScheduledTick">> = {
  streams: ({ organization, projectKey, deployment, schedule }) => [
    organizationStream(organization),
    projectStream(projectKey),
    ...(SLUG_PATTERN.test(deployment)
      ? [
          deploymentStream(projectKey, deployment),
          scheduleProgressStream(scheduleProgressKeyOf(organization, projectKey, deployment, schedule)),
        ]
      : []),
  ],
  run: claimScheduledTick,
};
