import type { CommandOf } from "../../commands.js";
import { deliveryEventSerde } from "../../events.js";
import { deliveryDecider } from "../../delivery/decider.js";
import { deliveryStream } from "../../streams.js";
import type { Dispatch, DispatchSuccess, Step } from "../dispatch-context.js";
import type { DeclaredFlow } from "../flow.js";
import { organizationStream } from "../../streams.js";

/** The dispatcher's record of a delivery: only `system:notification-dispatcher`, only in an organization that exists. */
export async function recordDelivery(
  run: Dispatch,
  command: CommandOf<"StartDeliveryAttempt"> | CommandOf<"RecordDeliveryOutcome">,
): Step<DispatchSuccess> {
  const authorized = await run.authorize(command.organization);
  if (authorized._tag === "Left") return authorized;
  const done = await run.exec(deliveryStream(command.idempotencyKey), deliveryDecider, deliveryEventSerde, command);
  return done._tag === "Left" ? done : run.success();
}

export const deliveryFlow: DeclaredFlow<CommandOf<"StartDeliveryAttempt"> | CommandOf<"RecordDeliveryOutcome">> = {
  streams: ({ organization, idempotencyKey }) => [
    organizationStream(organization),
    ...(/^[0-9a-f]{64}$/.test(idempotencyKey) ? [deliveryStream(idempotencyKey)] : []),
  ],
  run: recordDelivery,
};
