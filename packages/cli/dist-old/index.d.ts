import { Command } from 'commander';

/**
 * The whole command tree, every command loaded (for embedders and tests); each command lives in its own file under
 * `commands/` and registers itself here. The binary uses buildProgramFor (lazy-program.ts), which loads only the one
 * command a command line runs; command-groups.ts lists the same commands in the same order.
 */
declare function buildProgram(): Command;

interface Column<Row> {
    readonly header: string;
    readonly cell: (row: Row) => string;
}
/**
 * A box-drawn table for people; no colours, so it reads the same in a terminal, a pipe and a log file. Drawn here in
 * one pass over the cells (measure, then pad): a table library laid 20 k rows out in quadratic time.
 */
declare function renderTerminalTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string;
/** A GitHub-flavoured Markdown table, as the Meltano Cloud CLI's `--format markdown`. */
declare function renderMarkdownTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string;

export { type Column, buildProgram, renderMarkdownTable, renderTerminalTable };
