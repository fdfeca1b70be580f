import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isSafeDisplayText } from "@cloud-ledger/domain";
import { displayWidth } from "../../src/output/display-width.js";
import { renderMarkdownTable, renderTerminalTable, type Column } from "../../src/output/render-table.js";

type Row = readonly string[];
const columnsOf = (headers: readonly string[]): Column<Row>[] =>
  headers.map((header, index) => ({ header, cell: (row) => row[index] ?? "" }));

describe("renderTerminalTable", () => {
  it("draws the box the CLI has always printed", () => {
    const table = renderTerminalTable(columnsOf(["Name", "Count"]), [
      ["a|b", "1"],
      ["日本語🙂x", "22"],
    ]);
    expect(table).toBe(
      [
        "┌───────────┬───────┐",
        "│ Name      │ Count │",
        "├───────────┼───────┤",
        "│ a|b       │ 1     │",
        "├───────────┼───────┤",
        "│ 日本語🙂x │ 22    │",
        "└───────────┴───────┘",
      ].join("\n"),
    );
    expect(renderTerminalTable(columnsOf(["Empty"]), [])).toBe("┌───────┐\n│ Empty │\n└───────┘");
  });

  it("aligns every line to the same width, whatever the cells hold, and prints nothing unsafe", () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "grapheme", maxLength: 6 }),
      fc.string({ unit: "binary", maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.tuple(
              fc.array(cell, { minLength: width, maxLength: width }),
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 }),
            ),
          ),
        ([headers, rows]) => {
          const lines = renderTerminalTable(columnsOf(headers), rows).split("\n");
          expect(lines).toHaveLength(3 + 2 * rows.length);
          const widths = new Set(lines.map(displayWidth));
          expect(widths.size).toBe(1);
          for (const line of lines) expect(isSafeDisplayText(line)).toBe(true);
        },
      ),
    );
  });

  it("escapes control and bidi characters from older events instead of printing them", () => {
    const hostile = ["prod\u001b[2J\u001b]0;owned\u0007", "\u202eelbat\u202c", "two\nlines", "c1\u009b31m"];
    const table = renderTerminalTable(
      columnsOf(["Name"]),
      hostile.map((name) => [name]),
    );
    expect(table).toContain("│ prod\\u{1b}[2J\\u{1b}]0;owned\\u{7} │");
    expect(table).toContain("\\u{202e}elbat\\u{202c}");
    expect(table).toContain("two\\u{a}lines");
    expect(table).toContain("c1\\u{9b}31m");
    expect(isSafeDisplayText(table.replaceAll("\n", ""))).toBe(true);
    const markdown = renderMarkdownTable(
      columnsOf(["Name"]),
      hostile.map((name) => [name]),
    );
    expect(markdown.split("\n")).toHaveLength(2 + hostile.length);
    expect(markdown).toContain("| prod\\\\u{1b}[2J");
    expect(isSafeDisplayText(markdown.replaceAll("\n", ""))).toBe(true);
  });

  it("renders 20 000 rows correctly (cli-table3 took minutes here: its layout is quadratic in rows)", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`schedule-${i}`, i % 2 === 0 ? "enabled" : "disabled", String(i * 7)]);
    const lines = renderTerminalTable(columnsOf(["Schedule", "Enabled", "Runs"]), rows).split("\n");
    expect(lines).toHaveLength(3 + 2 * rows.length);
    expect(lines[1]).toBe("│ Schedule       │ Enabled  │ Runs   │");
    expect(lines[3]).toBe("│ schedule-0     │ enabled  │ 0      │");
    expect(lines.at(-2)).toBe("│ schedule-19999 │ disabled │ 139993 │");
  });
});
