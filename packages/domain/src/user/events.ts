import { GithubLogin, GithubUserId, struct } from "../codec/primitives.js";
import { defineEvent, type EventOf } from "../codec/event-catalog.js";

export const UserSignedUp = defineEvent("UserSignedUp", 1, struct("UserSignedUp", { githubUserId: GithubUserId, login: GithubLogin }, {}));
export const UserLoginChanged = defineEvent(
  "UserLoginChanged",
  1,
  struct("UserLoginChanged", { githubUserId: GithubUserId, previousLogin: GithubLogin, login: GithubLogin }, {}),
);

export const userEventDefinitions = [UserSignedUp, UserLoginChanged] as const;
export type UserEvent = EventOf<typeof userEventDefinitions>;
