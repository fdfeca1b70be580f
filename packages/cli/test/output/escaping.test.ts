import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { escapeJsonForDisplay, isSafeDisplayText } from "@cloud-ledger/domain";
import { createOutput } from "../../src/output/output.js";
import { reportError } from "../../src/runtime/report-error.js";

// Names an older event may still carry (written before commands refused them).
const HOSTILE = "prod\u001b]0;owned\u0007\u202eevil\u009b2J\u2028x";

function capture() {
  const streams = { out: "", err: "" };
  return {
    streams,
    output: { stdout: { write: (text: string) => (streams.out += text) }, stderr: { write: (text: string) => (streams.err += text) } },
  };
}

const safeLines = (text: string): boolean => text.split("\n").every(isSafeDisplayText);

describe("the CLI's output escapes control and bidi characters that reach it", () => {
  it("in sentences, details, notices and tables, keeping its own line breaks", () => {
    for (const format of ["terminal", "markdown"] as const) {
      const { streams, output } = capture();
      const out = createOutput(format, output);
      out.result(`Deployment '${HOSTILE}' created.\nNext line.`, {});
      out.details([["Name", HOSTILE]], {}, [`Schedule '${HOSTILE}'`]);
      out.table({ columns: [{ header: "Name", cell: (row: string) => row }], rows: [HOSTILE], json: (row) => row });
      out.notice(`careful with '${HOSTILE}'`);
      expect(streams.out).toContain("Deployment 'prod\\u{1b}]0;owned\\u{7}\\u{202e}evil\\u{9b}2J\\u{2028}x' created.\nNext line.");
      expect(safeLines(streams.out)).toBe(true);
      expect(safeLines(streams.err)).toBe(true);
      expect(streams.err).toContain("\\u{1b}");
    }
  });

  it("in JSON as \\u escapes, which parse back to the very same value", () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 2 }),
        fc.string({ unit: "binary", maxLength: 20 }),
        fc.constantFrom(...HOSTILE),
        (value, random, bad) => {
          const text = `${random}${bad}`;
          const { streams, output } = capture();
          createOutput("json", output).result("", { value, text });
          expect(safeLines(streams.out)).toBe(true);
          expect(JSON.parse(streams.out)).toEqual(JSON.parse(JSON.stringify({ value, text })));
        },
      ),
    );
    expect(escapeJsonForDisplay(JSON.stringify("\u202e"))).toBe('"\\u202e"');
  });

  it("in error messages, as text or as JSON", () => {
    let err = "";
    const stderr = { write: (text: string) => (err += text) };
    expect(reportError(new Error(`No deployment named '${HOSTILE}'.\nSecond line.`), [], stderr)).toBe(1);
    expect(err).toContain("No deployment named 'prod\\u{1b}]0;owned");
    expect(err).toContain("\nSecond line.");
    expect(safeLines(err)).toBe(true);
    err = "";
    reportError(new Error(HOSTILE), ["--format", "json"], stderr);
    expect(safeLines(err)).toBe(true);
    expect((JSON.parse(err) as { error: { message: string } }).error.message).toBe(HOSTILE);
  });
});
