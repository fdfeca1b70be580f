export { buildProgram } from "./program.js";
/** The CLI's table renderers (box-drawn and Markdown), for embedders printing the same tables (and the bench). */
export { renderMarkdownTable, renderTerminalTable, type Column } from "./output/render-table.js";
