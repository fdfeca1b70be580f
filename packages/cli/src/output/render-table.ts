import { escapeForDisplay } from "@cloud-ledger/domain/safe-text";
import { displayWidth } from "./display-width.js";

export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
}

/**
 * The cells of a table as they will be printed: every control or bidi character escaped as `\u{...}` (the domain's
 * safe-text rule), so a name an older event still carries cannot move the cursor, rewrite the screen or reorder text.
 */
function cellTexts<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): { readonly head: string[]; readonly body: string[][] } {
  return {
    head: columns.map((column) => escapeForDisplay(column.header)),
    body: rows.map((row) => columns.map((column) => escapeForDisplay(column.cell(row)))),
  };
}

/**
 * A box-drawn table for people; no colours, so it reads the same in a terminal, a pipe and a log file. Drawn here in
 * one pass over the cells (measure, then pad): a table library laid 20 k rows out in quadratic time.
 */
export function renderTerminalTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const { head, body } = cellTexts(columns, rows);
  const headWidths = head.map(displayWidth);
  const bodyWidths = body.map((cells) => cells.map(displayWidth));
  const widths = headWidths.map((width, index) => bodyWidths.reduce((widest, cells) => Math.max(widest, cells[index] ?? 0), width));
  const rule = (left: string, middle: string, right: string): string =>
    `${left}${widths.map((width) => "─".repeat(width + 2)).join(middle)}${right}`;
  const line = (cells: readonly string[], cellWidths: readonly number[]): string =>
    `│${cells.map((cell, index) => ` ${cell}${" ".repeat((widths[index] ?? 0) - (cellWidths[index] ?? 0))} `).join("│")}│`;
  const separator = rule("├", "┼", "┤");
  const lines = [rule("┌", "┬", "┐"), line(head, headWidths)];
  for (let index = 0; index < body.length; index += 1) lines.push(separator, line(body[index]!, bodyWidths[index]!));
  lines.push(rule("└", "┴", "┘"));
  return lines.join("\n");
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}

/** A GitHub-flavoured Markdown table, as the Meltano Cloud CLI's `--format markdown`. */
export function renderMarkdownTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const { head, body } = cellTexts(columns, rows);
  const lines = [
    `| ${head.map(markdownCell).join(" | ")} |`,
    `|${columns.map(() => "---").join("|")}|`,
    ...body.map((cells) => `| ${cells.map(markdownCell).join(" | ")} |`),
  ];
  return lines.join("\n");
}
