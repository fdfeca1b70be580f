import { left, right } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { OrganizationNameEvent } from "./events.js";

export interface ClaimOrganizationName {
  readonly type: "ClaimOrganizationName";
  readonly name: string;
  readonly organization: string;
}

export interface OrganizationNameState {
  readonly claimedBy?: string;
}

/** One stream per organization name: the first claim wins, which makes names globally unique without a global lock. */
export const organizationNameDecider: Decider<ClaimOrganizationName, OrganizationNameEvent, OrganizationNameState, DomainError> = {
  initialState: () => ({}),
  decide: (command, state) =>
    state.claimedBy !== undefined
      ? left(DomainErrors.organizationNameTaken(command.name))
      : right([{ type: "OrganizationNameClaimed", data: { name: command.name, organization: command.organization } }]),
  evolve: (_state, event) => ({ claimedBy: event.data.organization }),
};
