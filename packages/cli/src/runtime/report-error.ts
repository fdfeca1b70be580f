import { CommanderError } from "commander";
import { escapeJsonForDisplay } from "@cloud-ledger/domain/safe-text";
import { terminalText } from "../output/terminal-text.js";
import { CliFailure, UsageError } from "./cli-errors.js";

function wantsJson(argv: readonly string[]): boolean {
  return argv.some(
    (argument, index) => argument === "--json" || argument === "--format=json" || (argument === "--format" && argv[index + 1] === "json"),
  );
}

/**
 * Prints a failure the way the Meltano Cloud CLI does ("Error: …" for a failed request, "error: …" for usage) — or as
 * `{"error":{"code","message"}}` on stderr with `--format json` — and returns the exit code: 0, 1 or 2.
 */
export function reportError(error: unknown, argv: readonly string[], stderr: { write(text: string): unknown } = process.stderr): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (and help where useful); `--help` and `--version` exit with 0.
    if (error.exitCode === 0) return 0;
    if (wantsJson(argv)) stderr.write(`${JSON.stringify({ error: { code: "usage", message: error.message.replace(/^error: /, "") } })}\n`);
    return 2;
  }
  const exitCode = error instanceof UsageError ? 2 : 1;
  const code = error instanceof CliFailure ? error.code : error instanceof UsageError ? "usage" : "failed";
  const message = error instanceof Error ? error.message : String(error);
  // A message may echo a name from a file, an event or argv: escaped, it cannot act on the terminal.
  if (wantsJson(argv)) stderr.write(`${escapeJsonForDisplay(JSON.stringify({ error: { code, message } }))}\n`);
  else stderr.write(exitCode === 2 ? `error: ${terminalText(message)}\n` : `Error: ${terminalText(message)}\n`);
  return exitCode;
}
