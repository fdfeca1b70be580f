/**
 * The CLI's two failure kinds, mapped to exit codes by main.ts: a usage error (bad flags or malformed values, exit 2,
 * like click's UsageError in the Meltano Cloud CLI) and a failure of the request itself (domain rule, missing store,
 * corrupt log: exit 1). Both are raised before anything is written whenever the input itself is at fault.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly exitCode = 2;
}

export class CliFailure extends Error {
  override readonly name = "CliFailure";
  readonly exitCode = 1;
  constructor(
    message: string,
    /** A stable kebab-case code for `--format json` error output (the domain error's code when there is one). */
    readonly code = "failed",
  ) {
    super(message);
  }
}
