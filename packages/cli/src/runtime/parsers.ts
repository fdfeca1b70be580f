import { InvalidArgumentError } from "commander";
import { checkOrganizationName, slugOf, echo } from "@cloud-ledger/domain";

// The parsers of the global options live apart, free of the domain, so `--help` starts without loading it.
export { parseGithubLogin, parseName } from "./text-parsers.js";

/**
 * Option-value parsers: a malformed value is a usage error (exit 2) reported by commander as
 * "error: option '--x <v>' argument 'v' is invalid. <reason>" before any store is opened.
 */

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const EXECUTION_ID = /^[0-9a-f]{32}$/;
// Meltano Cloud's history lookback: weeks (≤3 digits), days (1-6), hours and minutes (≤2 digits each).
const LOOKBACK = /^(?:(\d{1,3})w)?(?:([1-6])d)?(?:(\d{1,2})h)?(?:(\d{1,2})m)?$/;

export function parseUlid(value: string): string {
  if (!ULID.test(value)) throw new InvalidArgumentError(`Invalid ULID value: ${echo(value)}`);
  return value.toUpperCase();
}

export function parseExecutionId(value: string): string {
  if (!EXECUTION_ID.test(value)) throw new InvalidArgumentError(`An execution ID is 32 lowercase hex characters, got '${echo(value)}'.`);
  return value;
}

export function parseGithubUserId(value: string): string {
  if (!/^[1-9]\d{0,19}$/.test(value)) throw new InvalidArgumentError(`A GitHub user ID is a positive number, got '${echo(value)}'.`);
  return value;
}

/** Lookback expression → milliseconds. */
export function parseLookback(value: string): number {
  const match = LOOKBACK.exec(value);
  if (match === null || value === "") throw new InvalidArgumentError(`Invalid lookback expression: ${echo(value)}`);
  const [weeks, days, hours, minutes] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number];
  return (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60_000;
}

export function parseInstant(value: string): string {
  const millis = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(millis)) {
    throw new InvalidArgumentError(`Expected an ISO-8601 time such as 2023-06-01T12:00:00Z, got '${echo(value)}'.`);
  }
  return new Date(millis).toISOString();
}

export function parsePositiveInteger(value: string): number {
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError(`Expected a positive whole number, got '${echo(value)}'.`);
  return Number(value);
}

/** Secret names: an environment variable name, as the value is injected into runs like a `.env` file. */
export function parseSecretName(value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new InvalidArgumentError(`A secret name is an environment variable name (letters, digits, underscores), got '${echo(value)}'.`);
  }
  return value;
}

export function parseInstallationId(value: string): string {
  if (!/^[1-9]\d{0,19}$/.test(value))
    throw new InvalidArgumentError(`A GitHub App installation id is a positive number, got '${echo(value)}'.`);
  return value;
}

/** Organization names follow the domain's rule (checked here too, so a malformed one is a usage error). */
export function parseOrganizationName(value: string): string {
  const checked = checkOrganizationName(value);
  if (checked._tag === "Left") throw new InvalidArgumentError(checked.left.message);
  return checked.right;
}

/** Names that are slugified (deployments, project display names) need at least one letter or digit. */
export function parseSluggableName(value: string): string {
  if (slugOf(value) === undefined) throw new InvalidArgumentError(`'${echo(value)}' has no letter or digit, so it cannot name anything.`);
  return value;
}

export function parseExitCode(value: string): number {
  if (!/^\d{1,3}$/.test(value) || Number(value) > 255)
    throw new InvalidArgumentError(`An exit code is a whole number from 0 to 255, got '${echo(value)}'.`);
  return Number(value);
}
