import { createReadStream, createWriteStream, existsSync, linkSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import type { Command } from "commander";
import { createLogReplayCheck, type EventStore } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import {
  exportToNdjson,
  ImportTargetError,
  MAX_EVENT_LINE_LENGTH,
  NdjsonFormatError,
  prepareNdjsonImport,
  type ImportOptions,
  type ImportStore,
  type PreparedImport,
} from "@cloud-ledger/adapters/ndjson";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { createProgress, type Progress } from "../output/progress.js";
import { actingIdentity } from "../runtime/acting-identity.js";
import { CliFailure } from "../runtime/cli-errors.js";
import { withContext } from "../runtime/command-context.js";
import { readGlobals } from "../runtime/global-options.js";
import { readSession } from "../session/session-file.js";
import type { StoreSpec } from "../store/store-spec.js";
import { openStore } from "../store/open-store.js";
import { transactionOn } from "../store/store-transaction.js";

/** Counts appended events for the progress bar. */
function countingAppends(store: ImportStore, progress: Progress): ImportStore {
  let done = 0;
  return {
    streamVersion: (streamName) => store.streamVersion(streamName),
    headPosition: () => store.headPosition(),
    readStream: (streamName, options) => store.readStream(streamName, options),
    readAll: (options) => store.readAll(options),
    append: async (streamName, events, options) => {
      const result = await store.append(streamName, events, options);
      done += events.length;
      progress.update(done);
      return result;
    },
  };
}

function logProblem(file: string, error: unknown): CliFailure {
  if (error instanceof NdjsonFormatError)
    return new CliFailure(`Cannot import ${file}: ${error.message}. Nothing was written.`, "corrupt-log");
  if (error instanceof ImportTargetError) {
    return new CliFailure(
      `Cannot import ${file}: ${error.reason}. Nothing was written.`,
      error.kind === "not-empty" ? "store-not-empty" : "store-changed",
    );
  }
  if (error instanceof CliFailure) return error;
  return new CliFailure(
    `Cannot import ${file}: ${error instanceof Error ? error.message : String(error)}. Nothing was written.`,
    "import-failed",
  );
}

/** The same file, by real path (symlinks resolved) or, when both exist, by device and inode (hard links). */
function sameFile(a: string, b: string): boolean {
  const real = (file: string): string =>
    existsSync(file) ? realpathSync(file) : path.join(realpathSync(path.dirname(file)), path.basename(file));
  try {
    if (real(a) === real(b)) return true;
    if (!existsSync(a) || !existsSync(b)) return false;
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** Refuses an export target that is (a file of) the store being exported, whatever --force says. */
function assertNotTheStore(target: string, store: StoreSpec): void {
  if (store.kind !== "sqlite") return;
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    if (sameFile(target, `${store.path}${suffix}`)) {
      throw new CliFailure(
        `Cannot export to ${target}: it is the event store's own file${suffix === "" ? "" : ` (${suffix.slice(1)})`}. Nothing was written.`,
        "export-onto-store",
      );
    }
  }
}

function notEmpty(head: number): ImportTargetError {
  return new ImportTargetError(
    "not-empty",
    `the store already holds events (head position ${head}); pass --append to add a log that continues it`,
  );
}

/** The head of the store if it exists (0 when it does not yet), without creating anything. */
async function existingHead(spec: StoreSpec): Promise<number> {
  if (spec.kind === "sqlite" && (!existsSync(spec.path) || (statSync(spec.path).isFile() && statSync(spec.path).size === 0))) return 0;
  let store: EventStore;
  try {
    store = await openStore(spec, "read");
  } catch (error) {
    if (error instanceof CliFailure && error.code === "store-not-found") return 0;
    throw error;
  }
  try {
    return await store.headPosition();
  } finally {
    await store.close();
  }
}

export function registerLogCommands(program: Command): void {
  const log = program.command("log").description("The event log as NDJSON: export it, or import one into an empty store");

  log
    .command("export")
    .description("Write every event, in order, with ids, metadata and hashes (to --output or stdout)")
    .option("--output <file>", "file to write (written to a temporary file, then moved into place)")
    .option("--force", "replace --output when it exists (never the event store itself)")
    .action(function (this: Command, options: { output?: string; force?: boolean }) {
      if (options.output !== undefined) {
        const target = path.resolve(options.output);
        assertNotTheStore(target, readGlobals(this).store);
        if (existsSync(target) && options.force !== true) {
          throw new CliFailure(
            `Cannot export to ${target}: the file exists. Pass --force to replace it. Nothing was written.`,
            "output-exists",
          );
        }
      }
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
        // A name no other file has (pid and random bytes, created exclusively), so the cleanup below only ever removes ours.
        const temporary = `${target}.${process.pid}.${randomBytes(6).toString("hex")}.partial`;
        const file = createWriteStream(temporary, { flags: "wx" });
        try {
          const result = await exportToNdjson(counting, file);
          file.end();
          await once(file, "close");
          // Without --force, a link publishes the file only if the name is still free: a file another process created at
          // that name after the check above is never replaced.
          if (options.force === true) renameSync(temporary, target);
          else {
            linkSync(temporary, target);
            rmSync(temporary, { force: true });
          }
          context.output.result(`Exported ${result.events} events to ${target}.`, {
            file: target,
            events: result.events,
            headPosition: result.headPosition,
          });
        } catch (error) {
          file.destroy();
          rmSync(temporary, { force: true });
          if ((error as NodeJS.ErrnoException).code === "EEXIST") {
            throw new CliFailure(
              `Cannot export to ${target}: the file exists. Pass --force to replace it. Nothing was written.`,
              "output-exists",
            );
          }
          throw new CliFailure(`Cannot export to ${target}: ${error instanceof Error ? error.message : String(error)}`, "export-failed");
        } finally {
          progress.stop();
        }
      });
    });

  log
    .command("import")
    .description("Import an NDJSON log into an empty store (or, with --append, one it continues), all or nothing")
    .argument("<file>", "the NDJSON file")
    .option("--append", "append to a store that already holds events: the log must continue it exactly")
    .action(async function (this: Command, file: string, options: { append?: boolean }) {
      const target = path.resolve(file);
      if (!existsSync(target) || !statSync(target).isFile())
        throw new CliFailure(`Cannot import ${target}: no such file.`, "log-not-found");
      const globals = readGlobals(this);
      // Importing writes the whole ledger: it needs someone to act as, like every other write.
      const importer = actingIdentity(readSession(globals.home), globals.as);
      const transaction = transactionOn(globals.store, "import a log");
      const open = () => createReadStream(target);
      const checks = (mode: "empty" | "continue"): ImportOptions => ({
        sha256: nodeSha256Hex,
        check: createLogReplayCheck(),
        mode,
        maxLineLength: MAX_EVENT_LINE_LENGTH,
      });
      let prepared: PreparedImport | undefined;
      if (options.append !== true) {
        const head = await existingHead(globals.store);
        if (head > 0) throw logProblem(target, notEmpty(head));
        // Checked against an empty stand-in before the store is even opened, so a bad file creates and writes nothing.
        try {
          prepared = await prepareNdjsonImport(open, createMemoryEventStore(), checks("empty"));
        } catch (error) {
          throw logProblem(target, error);
        }
      }
      await withContext(this, "write", async (context) => {
        const progress = createProgress("Importing", { json: globals.format === "json" });
        try {
          const head = await context.store.headPosition();
          if (prepared === undefined) prepared = await prepareNdjsonImport(open, context.store, checks("continue"));
          else if (head > 0) throw notEmpty(head);
          const ready = prepared;
          progress.start(ready.events);
          await ready.writeTo(context.store, (work) => transaction((store) => work(countingAppends(store, progress))));
          context.output.result(`Imported ${ready.events} events in ${ready.streams} streams from ${target} as ${importer.login}.`, {
            file: target,
            events: ready.events,
            streams: ready.streams,
            importedBy: importer.login,
          });
        } catch (error) {
          throw logProblem(target, error);
        } finally {
          progress.stop();
        }
      });
    });
}
