import { Option, type Command } from "commander";
import { createOutput } from "../output/output.js";
import { readGlobals } from "../runtime/global-options.js";
import { parseGithubLogin, parseGithubUserId } from "../runtime/parsers.js";
import { readSession, writeSession } from "../session/session-file.js";

/**
 * `login`, `logout`, `whoami`: the acting GitHub identity, recorded locally. There is no OAuth flow here (no network);
 * an embedding service supplies real authentication and passes the verified identity as the actor.
 */
export function registerSessionCommands(program: Command): void {
  program
    .command("login")
    .description("Record the GitHub identity every following command acts as")
    .addOption(
      new Option("--github-user <id>", "numeric GitHub user ID (the stable key)").argParser(parseGithubUserId).makeOptionMandatory(),
    )
    .addOption(
      new Option("--login <name>", "GitHub login (may change; the user ID does not)").argParser(parseGithubLogin).makeOptionMandatory(),
    )
    .action(function (this: Command, options: { githubUser: string; login: string }) {
      const globals = readGlobals(this);
      const session = readSession(globals.home);
      // A login that moved to another account is re-pointed; the user id stays the identity.
      const identities = Object.fromEntries(
        Object.entries(session.identities).filter(
          ([login, identity]) => login !== options.login && identity.githubUserId !== options.githubUser,
        ),
      );
      identities[options.login] = { githubUserId: options.githubUser, login: options.login };
      writeSession(globals.home, { ...session, current: options.login, identities });
      createOutput(globals.format).result(`Logged in as ${options.login}`, { login: options.login, githubUserId: options.githubUser });
    });

  program
    .command("logout")
    .description("Forget who is logged in (recorded identities stay usable with --as)")
    .action(function (this: Command) {
      const globals = readGlobals(this);
      const session = readSession(globals.home);
      const output = createOutput(globals.format);
      if (session.current === undefined) {
        output.result("Not logged in.", { loggedIn: false });
        return;
      }
      const { current: _current, ...rest } = session;
      writeSession(globals.home, rest);
      output.result("Successfully logged out.", { loggedIn: false });
    });

  program
    .command("whoami")
    .description("Show the identity commands act as")
    .action(function (this: Command) {
      const globals = readGlobals(this);
      const session = readSession(globals.home);
      const login = globals.as ?? session.current;
      const identity = login === undefined ? undefined : session.identities[login];
      const output = createOutput(globals.format);
      if (identity === undefined) output.result("Not logged in.", { loggedIn: false });
      else output.result(`${identity.login} (GitHub user ${identity.githubUserId})`, { loggedIn: true, ...identity });
    });
}
