import { open } from "node:fs/promises";
import { Option, InvalidArgumentError, type Command } from "commander";
import { MAX_STATE_FILE_BYTES, echo, parseStateFile, stateIdProblem, type JsonValue } from "@cloud-ledger/domain";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext, type CommandContext } from "../runtime/command-context.js";
import { firstItems, noticeTruncated } from "../runtime/paging.js";
import { parseInstant, parsePositiveInteger } from "../runtime/parsers.js";
import { selectOrganization, selectProject } from "../runtime/selection.js";

/** Rule 51, checked as the flag is parsed: a malformed id is a usage error before any store is opened. */
function parseStateId(value: string): string {
  const problem = stateIdProblem(value);
  if (problem !== undefined) throw new InvalidArgumentError(`${problem}.`);
  return value;
}

async function scope(context: CommandContext) {
  const organization = await selectOrganization(context);
  const project = await selectProject(context, organization);
  return { organization: organization.billingAccountNumber, projectKey: project.projectKey };
}

/**
 * At most MAX_STATE_FILE_BYTES + 1 bytes of the file, read through one handle (no check-then-read race): one byte
 * more than allowed is enough to refuse it, and a multi-gigabyte file is never read whole.
 */
async function readStateFile(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new CliFailure(
      `Cannot read the state file '${echo(path)}': ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
      "state-file-unreadable",
    );
  }
  try {
    const buffer = new Uint8Array(MAX_STATE_FILE_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    throw new CliFailure(
      `Cannot read the state file '${echo(path)}': ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`,
      "state-file-unreadable",
    );
  } finally {
    await handle.close();
  }
}

/**
 * `state`: a project's incremental replication bookmarks (rules 51-53), in the Meltano Cloud CLI's words. Every set
 * and delete is an event (who, when, the new content and the digest of the one it replaced); `audit trail` lists them.
 */
export function registerStateCommands(program: Command): void {
  const state = program.command("state").description("State bookmarks of the project's pipelines: list, get, set, delete");

  state
    .command("list")
    .description("The project's state IDs, one per line")
    .option("--limit <n>", "at most this many IDs", parsePositiveInteger, 125)
    .option("--after <cursor>", "start after this cursor (printed when a list is truncated)")
    .option("--as-of <time>", "the state IDs as they stood at this ISO-8601 time", parseInstant)
    .action(function (this: Command, options: { limit: number; after?: string; asOf?: string }) {
      return withContext(this, "read", async (context) => {
        const where = await scope(context);
        const views = options.asOf === undefined ? await context.views() : await context.views({ occurredAt: options.asOf });
        const page = await firstItems((p) => views.stateIds(where.organization, where.projectKey, p), options.limit, options.after);
        noticeTruncated(context.output, page.next);
        context.output.result(
          page.rows.join("\n"),
          page.rows.map((stateId) => ({ stateId })),
        );
      });
    });

  state
    .command("get")
    .description("Print the state JSON of a state ID")
    .addOption(new Option("--state-id <id>", "e.g. prod:tap-github-to-target-jsonl").argParser(parseStateId).makeOptionMandatory())
    .option("--as-of <time>", "the state as it stood at this ISO-8601 time", parseInstant)
    .action(function (this: Command, options: { stateId: string; asOf?: string }) {
      return withContext(this, "read", async (context) => {
        const where = await scope(context);
        const views = options.asOf === undefined ? await context.views() : await context.views({ occurredAt: options.asOf });
        const bookmark = await views.bookmark(where.organization, where.projectKey, options.stateId);
        // Meltano Cloud prints this and exits 0: a missing state is an answer, not a failure.
        if (bookmark === undefined) {
          context.output.result(`No state found for ${options.stateId}`, { stateId: options.stateId, state: null });
          return;
        }
        context.output.result(JSON.stringify(bookmark.content, null, 2), {
          stateId: options.stateId,
          state: bookmark.content as JsonValue,
          digest: bookmark.digest,
          setAt: bookmark.setAt,
          setBy: bookmark.setBy,
        });
      });
    });

  state
    .command("set")
    .description("Replace the state of a state ID with the JSON in a file")
    .addOption(new Option("--state-id <id>", "e.g. prod:tap-github-to-target-jsonl").argParser(parseStateId).makeOptionMandatory())
    .addOption(
      new Option(
        "--file-path <path>",
        "a JSON file with completed.singer_state, partial.singer_state or singer_state",
      ).makeOptionMandatory(),
    )
    .action(function (this: Command, options: { stateId: string; filePath: string }) {
      return withContext(this, "write", async (context) => {
        // The file is read and checked before anything else happens: a bad file writes nothing.
        const parsed = parseStateFile(await readStateFile(options.filePath));
        if (parsed._tag === "Left") throw new CliFailure(parsed.left.message, parsed.left.code);
        const where = await scope(context);
        await context.dispatch({ type: "SetState", ...where, stateId: options.stateId, content: parsed.right });
        context.output.result(`Successfully set state for ${options.stateId}`, { stateId: options.stateId, set: true });
      });
    });

  state
    .command("delete")
    .description("Delete the state of a state ID (the next run is a full backfill)")
    .addOption(new Option("--state-id <id>", "e.g. prod:tap-github-to-target-jsonl").argParser(parseStateId).makeOptionMandatory())
    .action(function (this: Command, options: { stateId: string }) {
      return withContext(this, "write", async (context) => {
        const where = await scope(context);
        await context.dispatch({ type: "DeleteState", ...where, stateId: options.stateId });
        context.output.result(`Successfully deleted state for ${options.stateId}`, { stateId: options.stateId, deleted: true });
      });
    });
}
