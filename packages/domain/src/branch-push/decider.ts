import { right } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import type { DomainError } from "../errors.js";
import type { BranchPushEvent } from "./events.js";

export interface RecordBranchPush {
  readonly type: "RecordBranchPush";
  readonly organization: string;
  readonly repositoryUrl: string;
  readonly branch: string;
}

export interface BranchPushState {
  readonly handled: number;
}

/** One stream per (organization, repository, branch): every handled push appends one mark (the handler dedupes retries). */
export const branchPushDecider: Decider<RecordBranchPush, BranchPushEvent, BranchPushState, DomainError> = {
  initialState: () => ({ handled: 0 }),
  decide: (command) =>
    right([
      {
        type: "BranchPushHandled",
        data: { organization: command.organization, repositoryUrl: command.repositoryUrl, branch: command.branch },
      },
    ]),
  evolve: (state) => ({ handled: state.handled + 1 }),
};
