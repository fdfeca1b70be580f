import { left, right, type Either } from "fp-ts/lib/Either.js";
import type { Decider } from "../decider.js";
import { DomainErrors, type DomainError } from "../errors.js";
import type { CommandOf } from "../commands.js";
import type { UserEvent } from "./events.js";

export type UserCommand = CommandOf<"SignUpUser"> | CommandOf<"ChangeUserLogin">;

export type UserState =
  { readonly status: "absent" } | { readonly status: "active"; readonly githubUserId: string; readonly login: string };

/**
 * A person, keyed by GitHub user id (stable); the login is a changeable attribute. Signing up again with a new login
 * is how a GitHub rename reaches us, so it records the change instead of failing.
 */
export const userDecider: Decider<UserCommand, UserEvent, UserState, DomainError> = {
  initialState: () => ({ status: "absent" }),
  decide(command, state): Either<DomainError, readonly UserEvent[]> {
    const { githubUserId, login } = command;
    if (state.status === "absent") {
      if (command.type === "ChangeUserLogin") return left(DomainErrors.userNotFound(githubUserId));
      return right([{ type: "UserSignedUp", data: { githubUserId, login } }]);
    }
    if (state.login === login) return right([]);
    return right([{ type: "UserLoginChanged", data: { githubUserId, previousLogin: state.login, login } }]);
  },
  evolve(state, event) {
    switch (event.type) {
      case "UserSignedUp":
        return { status: "active", githubUserId: event.data.githubUserId, login: event.data.login };
      case "UserLoginChanged":
        return state.status === "active" ? { ...state, login: event.data.login } : state;
    }
  },
};
