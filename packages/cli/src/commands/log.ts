import { createReadStream, createWriteStream, existsSync, renameSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import type { Readable } from "node:stream";
import type { Command } from "commander";
import type { AppendOptions, EventStore, NewEvent } from "@cloud-ledger/domain";
import { exportToNdjson, importFromNdjson, NdjsonFormatError, type NdjsonSource } from "@cloud-ledger/adapters/ndjson";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { createProgress, type Progress } from "../output/progress.js";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext } from "../runtime/command-context.js";
import { readGlobals } from "../runtime/global-options.js";

/** Counts appended events for the progress bar. */
function countingAppends(store: EventStore, progress: Progress): Pick<EventStore, "append" | "streamVersion"> {
  let done = 0;
  return {
    streamVersion: (streamName) => store.streamVersion(streamName),
    append: async (streamName: string, events: readonly NewEvent[], options: AppendOptions) => {
      const result = await store.append(streamName, events, options);
      done += events.length;
      progress.update(done);
      return result;
    },
  };
}

/**
 * The whole file checked (format, versions, positions, hash chains) before the target store is even opened, so a
 * corrupt log creates and writes nothing: the importer run against a store that accepts and keeps nothing.
 */
async function validateLog(source: () => Readable): Promise<number> {
  const nowhere: Pick<EventStore, "append" | "streamVersion"> = {
    streamVersion: () => Promise.resolve(0),
    append: (_stream, batch, options) =>
      Promise.resolve({ nextExpectedVersion: (typeof options.expectedVersion === "number" ? options.expectedVersion : 0) + batch.length }),
  };
  return (await importFromNdjson(source, nowhere, { sha256: nodeSha256Hex })).events;
}

function logProblem(file: string, error: unknown): CliFailure {
  if (error instanceof NdjsonFormatError) return new CliFailure(`Cannot import ${file}: ${error.message}. Nothing was written.`, "corrupt-log");
  return new CliFailure(`Cannot import ${file}: ${error instanceof Error ? error.message : String(error)}`, "import-failed");
}

export function registerLogCommands(program: Command): void {
  const log = program.command("log").description("The event log as NDJSON: export it, or import one into an empty store");

  log
    .command("export")
    .description("Write every event, in order, with ids, metadata and hashes (to --output or stdout)")
    .option("--output <file>", "file to write (written to a temporary file, then moved into place)")
    .action(function (this: Command, options: { output?: string }) {
      return withContext(this, "read", async (context) => {
        const progress = createProgress("Exporting", { json: context.output.format === "json" || options.output === undefined });
        progress.start(await context.store.headPosition());
        const counting: Pick<EventStore, "readAll" | "headPosition"> = {
          headPosition: () => context.store.headPosition(),
          readAll: async (readOptions) => {
            const page = await context.store.readAll(readOptions);
            if (page.length > 0) progress.update(page.at(-1)?.globalPosition ?? 0);
            return page;
          },
        };
        if (options.output === undefined) {
          await exportToNdjson(counting, process.stdout).finally(() => progress.stop());
          return;
        }
        const target = path.resolve(options.output);
        const temporary = `${target}.${process.pid}.partial`;
        const file = createWriteStream(temporary, { flags: "wx" });
        try {
          const result = await exportToNdjson(counting, file);
          file.end();
          await once(file, "close");
          renameSync(temporary, target);
          context.output.result(`Exported ${result.events} events to ${target}.`, { file: target, events: result.events, headPosition: result.headPosition });
        } catch (error) {
          file.destroy();
          rmSync(temporary, { force: true });
          throw new CliFailure(`Cannot export to ${target}: ${error instanceof Error ? error.message : String(error)}`, "export-failed");
        } finally {
          progress.stop();
        }
      });
    });

  log
    .command("import")
    .description("Append an NDJSON log's events, keeping their ids, metadata and hashes; a bad file writes nothing")
    .argument("<file>", "the NDJSON file")
    .action(async function (this: Command, file: string) {
      const target = path.resolve(file);
      if (!existsSync(target) || !statSync(target).isFile()) throw new CliFailure(`Cannot import ${target}: no such file.`, "log-not-found");
      const open: NdjsonSource = () => createReadStream(target);
      let events: number;
      try {
        events = await validateLog(open);
      } catch (error) {
        throw logProblem(target, error);
      }
      const globals = readGlobals(this);
      await withContext(this, "write", async (context) => {
        const progress = createProgress("Importing", { json: globals.format === "json" });
        progress.start(events);
        try {
          const result = await importFromNdjson(open, countingAppends(context.store, progress), { sha256: nodeSha256Hex });
          context.output.result(`Imported ${result.events} events in ${result.streams} streams from ${target}.`, { file: target, ...result });
        } catch (error) {
          throw logProblem(target, error);
        } finally {
          progress.stop();
        }
      }, { actsAsUser: false });
    });
}
