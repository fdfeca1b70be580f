import path from "node:path";
import { Option, type Command } from "commander";
import { parseOutputFormat, type OutputFormat } from "../output/formats.js";
import { defaultStoreSpec, parseStoreSpec, type StoreSpec } from "../store/store-spec.js";
import { parseGithubLogin, parseName } from "./text-parsers.js";

/** Options every command accepts, before or after the command name. */
export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(
      new Option(
        "--store <store>",
        "event store: sqlite:PATH, postgres://… or esdb://… (default: a SQLite file under ./.cloud-ledger/)",
      ).argParser(parseStoreSpec),
    )
    .addOption(new Option("--as <login>", "act as this GitHub login (recorded by `login`) for this command").argParser(parseGithubLogin))
    .addOption(
      new Option("--org <name>", "the organization to work in (default: the remembered one, or your only one)").argParser(parseName),
    )
    .addOption(
      new Option("--project <name>", "the project to work in, by its exact name (default: the remembered one, or your only one)").argParser(
        parseName,
      ),
    )
    .addOption(
      new Option("--format <format>", "output format: terminal, json or markdown").argParser(parseOutputFormat).default("terminal"),
    )
    .addOption(new Option("--json", "shorthand for --format json"));
}

export interface Globals {
  readonly home: string;
  readonly store: StoreSpec;
  readonly as?: string;
  readonly org?: string;
  readonly project?: string;
  readonly format: OutputFormat;
}

interface RawGlobals {
  readonly store?: StoreSpec;
  readonly as?: string;
  readonly org?: string;
  readonly project?: string;
  readonly format?: OutputFormat;
  readonly json?: boolean;
}

/** Where the session file and the default store live: $CLOUD_LEDGER_HOME, else ./.cloud-ledger. */
export function cloudLedgerHome(): string {
  const configured = process.env.CLOUD_LEDGER_HOME;
  return path.resolve(configured !== undefined && configured !== "" ? configured : ".cloud-ledger");
}

export function readGlobals(command: Command): Globals {
  const raw = command.optsWithGlobals<RawGlobals>();
  const home = cloudLedgerHome();
  return {
    home,
    store: raw.store ?? defaultStoreSpec(home),
    format: raw.json === true ? "json" : (raw.format ?? "terminal"),
    ...(raw.as === undefined ? {} : { as: raw.as }),
    ...(raw.org === undefined ? {} : { org: raw.org }),
    ...(raw.project === undefined ? {} : { project: raw.project }),
  };
}
