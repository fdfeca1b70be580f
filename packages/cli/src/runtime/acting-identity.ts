import type { Identity, Session } from "../session/session-file.js";
import { CliFailure } from "./cli-errors.js";
import { echo } from "@cloud-ledger/domain";

/** The identity a command acts as: `--as <login>` when given, else the logged-in one. */
export function actingIdentity(session: Session, as: string | undefined): Identity {
  const login = as ?? session.current;
  if (login === undefined) {
    throw new CliFailure(
      "Not logged in. Run `cloud-ledger login --github-user <id> --login <name>` first, or pass --as <login>.",
      "not-logged-in",
    );
  }
  const identity = session.identities[login];
  if (identity === undefined) {
    throw new CliFailure(
      `No identity is recorded for '${echo(login)}'. Run \`cloud-ledger login --github-user <id> --login ${echo(login)}\` ` +
        `once to record it.`,
      "unknown-identity",
    );
  }
  return identity;
}

/** A known identity by login or GitHub user id (e.g. a new member), or undefined. */
export function findIdentity(session: Session, loginOrId: string): Identity | undefined {
  return session.identities[loginOrId] ?? Object.values(session.identities).find((identity) => identity.githubUserId === loginOrId);
}
