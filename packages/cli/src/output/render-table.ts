import Table from "cli-table3";

export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string;
}

/** A box-drawn table for people; no colours, so it reads the same in a terminal, a pipe and a log file. */
export function renderTerminalTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const table = new Table({ head: columns.map((column) => column.header), style: { head: [], border: [] } });
  for (const row of rows) table.push(columns.map((column) => column.cell(row)));
  return table.toString();
}

function markdownCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

/** A GitHub-flavoured Markdown table, as the Meltano Cloud CLI's `--format markdown`. */
export function renderMarkdownTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const lines = [
    `| ${columns.map((column) => markdownCell(column.header)).join(" | ")} |`,
    `|${columns.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${columns.map((column) => markdownCell(column.cell(row))).join(" | ")} |`),
  ];
  return lines.join("\n");
}
