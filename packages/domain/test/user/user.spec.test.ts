import { describe, it } from "vitest";
import { userDecider, type UserEvent } from "@cloud-ledger/domain";
import { deciderSpec } from "@cloud-ledger/domain/testing";

const spec = deciderSpec(userDecider);
const signedUp: UserEvent = { type: "UserSignedUp", data: { githubUserId: "583231", login: "octocat" } };

describe("users: sign-up through a GitHub identity; the login can change, the id cannot", () => {
  it("signs up a new GitHub identity", () => {
    spec.given([]).when({ type: "SignUpUser", githubUserId: "583231", login: "octocat" }).then([signedUp]);
  });

  it("signing up again with the same login changes nothing", () => {
    spec.given([signedUp]).when({ type: "SignUpUser", githubUserId: "583231", login: "octocat" }).thenNothing();
  });

  it("signing up again with a new login records the rename under the same id", () => {
    spec
      .given([signedUp])
      .when({ type: "SignUpUser", githubUserId: "583231", login: "octo-renamed" })
      .then([{ type: "UserLoginChanged", data: { githubUserId: "583231", previousLogin: "octocat", login: "octo-renamed" } }]);
  });

  it("changes the login of a known user, keeping the id", () => {
    spec
      .given([signedUp])
      .when({ type: "ChangeUserLogin", githubUserId: "583231", login: "hubot" })
      .thenState((state) => {
        if (state.status !== "active" || state.login !== "hubot" || state.githubUserId !== "583231") throw new Error("login not changed");
      });
  });

  it("refuses to change the login of an unknown user", () => {
    spec
      .given([])
      .when({ type: "ChangeUserLogin", githubUserId: "583231", login: "hubot" })
      .thenFails((e) => e.code === "user-not-found");
  });
});
