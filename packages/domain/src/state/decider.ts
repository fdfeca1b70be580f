import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { StateEvent } from "./events.js";
import type { StateContent } from "./state-content.js";

/** A bookmark's stream folds to its current digest (the content stays in the events; deciding needs only the digest). */
export type BookmarkState =
  | { readonly status: "absent" }
  | { readonly status: "present"; readonly organization: string; readonly projectKey: string; readonly digest: string };

interface OnBookmark {
  readonly organization: string;
  readonly projectKey: string;
  readonly stateId: string;
}

/**
 * The flow has normalized the content (a bare `singer_state` wrapped under `completed`) and hashed its canonical JSON
 * with the dispatch's SHA-256: the decider stays free of both.
 */
export type BookmarkCommand =
  | (OnBookmark & { readonly type: "SetState"; readonly content: StateContent; readonly digest: string })
  | (OnBookmark & { readonly type: "DeleteState" });

type Result = Either<DomainError, readonly StateEvent[]>;

function decide(command: BookmarkCommand, state: BookmarkState): Result {
  const { organization, projectKey, stateId } = command;
  // A bookmark of another organization's project reads as missing: no command crosses organizations.
  const current = state.status === "present" && state.organization === organization ? state : undefined;
  if (command.type === "SetState") {
    // Rule 52: a set replaces the whole state. The same content again changes nothing, so nothing is recorded.
    if (current?.digest === command.digest) return right([]);
    const { content, digest } = command;
    const previous = current === undefined ? {} : { previousDigest: current.digest };
    return right([{ type: "StateSet", data: { organization, projectKey, stateId, content, digest, ...previous } }]);
  }
  if (current === undefined) return left(DomainErrors.stateNotFound(stateId));
  return right([{ type: "StateDeleted", data: { organization, projectKey, stateId, previousDigest: current.digest } }]);
}

export const bookmarkDecider: Decider<BookmarkCommand, StateEvent, BookmarkState, DomainError> = {
  initialState: () => ({ status: "absent" }),
  decide,
  evolve(_state, event) {
    if (event.type === "StateDeleted") return { status: "absent" };
    const { organization, projectKey, digest } = event.data;
    return { status: "present", organization, projectKey, digest };
  },
};
