import { escapeForDisplay, escapeJsonForDisplay } from "@cloud-ledger/domain/safe-text";
import type { OutputFormat } from "./formats.js";
import { renderMarkdownTable, renderTerminalTable, type Column } from "./render-table.js";
import { terminalText } from "./terminal-text.js";

export interface Listing<Row> {
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  /** The machine-readable form of one row for `--format json`. */
  readonly json: (row: Row) => unknown;
  /** Printed instead of an empty table in terminal and markdown formats. */
  readonly empty?: string;
}

export interface Output {
  readonly format: OutputFormat;
  /** A list: a table for people, an array for machines. */
  table<Row>(listing: Listing<Row>): void;
  /** A confirmation or result: a sentence for people, an object for machines. */
  result(text: string, json: unknown): void;
  /** Key/value details of one thing, plus optional extra lines. */
  details(pairs: readonly (readonly [string, string])[], json: unknown, extra?: readonly string[]): void;
  /** A notice on stderr (never part of the machine-readable output). */
  notice(text: string): void;
}

export interface OutputStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export function createOutput(format: OutputFormat, streams: OutputStreams = process): Output {
  const line = (text: string): void => {
    streams.stdout.write(`${text}\n`);
  };
  // Tables escape their own cells; sentences, details and notices are escaped here (names inside them came from input).
  const json = (value: unknown): void => {
    line(escapeJsonForDisplay(JSON.stringify(value, null, 2)));
  };
  return {
    format,
    table(listing) {
      if (format === "json") return json(listing.rows.map(listing.json));
      if (listing.rows.length === 0 && listing.empty !== undefined) return line(listing.empty);
      line(format === "markdown" ? renderMarkdownTable(listing.columns, listing.rows) : renderTerminalTable(listing.columns, listing.rows));
    },
    result(text, value) {
      if (format === "json") json(value);
      else line(terminalText(text));
    },
    details(pairs, value, extra = []) {
      if (format === "json") return json(value);
      const width = Math.max(0, ...pairs.map(([key]) => key.length));
      const body =
        format === "markdown"
          ? pairs.map(([key, text]) => `- **${key}**: ${escapeForDisplay(text)}`)
          : pairs.map(([key, text]) => `${`${key}:`.padEnd(width + 2)}${escapeForDisplay(text)}`);
      line([...body, ...extra.map(terminalText)].join("\n"));
    },
    notice(text) {
      streams.stderr.write(`${terminalText(text)}\n`);
    },
  };
}
