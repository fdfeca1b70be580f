import { InvalidArgumentError } from "commander";

/*
 * The parsers the global options use. They import nothing but commander, so that building the command tree for
 * `--help`, `--version` or any command does not load the domain before a command needs it.
 */

// GitHub logins: alphanumerics and single hyphens, not starting or ending with a hyphen, at most 39 characters.
const GITHUB_LOGIN = /^(?=.{1,39}$)[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*$/;

// The domain's echo() bound (200 characters), without loading the domain: see packages/domain/src/echo.ts.
function bounded(value: string): string {
  return value.length <= 200 ? value : `${value.slice(0, 200)}… (${value.length} characters)`;
}

export function parseGithubLogin(value: string): string {
  if (!GITHUB_LOGIN.test(value)) {
    throw new InvalidArgumentError(`A GitHub login has 1-39 letters, digits or single inner hyphens, got '${bounded(value)}'.`);
  }
  return value;
}

/** A name that must be non-empty and printable (display names may contain spaces and capitals). */
export function parseName(value: string): string {
  if (value.trim() === "" || /\p{Cc}/u.test(value))
    throw new InvalidArgumentError(`Expected a non-empty name without control characters, got '${bounded(value)}'.`);
  return value;
}
