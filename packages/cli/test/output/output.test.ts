import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createOutput } from "../../src/output/output.js";
import { createProgress } from "../../src/output/progress.js";

function capture() {
  let stdout = "";
  let stderr = "";
  return {
    streams: { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } },
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

const listing = {
  columns: [
    { header: "Name", cell: (row: { name: string; n: number }) => row.name },
    { header: "Count", cell: (row: { name: string; n: number }) => String(row.n) },
  ],
  rows: [
    { name: "a|b", n: 1 },
    { name: "c", n: 22 },
  ],
  json: (row: { name: string; n: number }) => row,
  empty: "Nothing.",
};

describe("createOutput", () => {
  it("renders a table for people, an array for machines, and a Markdown table with escaped pipes", () => {
    const terminal = capture();
    createOutput("terminal", terminal.streams).table(listing);
    expect(terminal.stdout).toContain("│ Name │ Count │");
    expect(terminal.stdout).toContain("│ a|b  │ 1     │");
    expect(terminal.stdout).not.toContain("\u001b[");
    const json = capture();
    createOutput("json", json.streams).table(listing);
    expect(JSON.parse(json.stdout)).toEqual(listing.rows);
    const markdown = capture();
    createOutput("markdown", markdown.streams).table(listing);
    expect(markdown.stdout).toBe("| Name | Count |\n|---|---|\n| a\\|b | 1 |\n| c | 22 |\n");
  });

  it("prints the empty text instead of an empty table, but an empty array as JSON", () => {
    const terminal = capture();
    createOutput("terminal", terminal.streams).table({ ...listing, rows: [] });
    expect(terminal.stdout).toBe("Nothing.\n");
    const json = capture();
    createOutput("json", json.streams).table({ ...listing, rows: [] });
    expect(json.stdout).toBe("[]\n");
  });

  it("keeps notices on stderr and results as text or JSON", () => {
    const out = capture();
    const output = createOutput("terminal", out.streams);
    output.notice("careful");
    output.result("Done.", { done: true });
    output.details(
      [
        ["Name", "x"],
        ["Enabled", "True"],
      ],
      {},
      ["extra"],
    );
    expect(out.stderr).toBe("careful\n");
    expect(out.stdout).toBe("Done.\nName:    x\nEnabled: True\nextra\n");
    const json = capture();
    createOutput("json", json.streams).result("Done.", { done: true });
    expect(JSON.parse(json.stdout)).toEqual({ done: true });
  });
});

describe("createProgress", () => {
  const tty = (): NodeJS.WriteStream & { text: string } => {
    const stream = new PassThrough() as unknown as NodeJS.WriteStream & { text: string };
    stream.text = "";
    stream.isTTY = true;
    stream.columns = 120;
    stream.cursorTo = () => true;
    stream.clearLine = () => true;
    stream.moveCursor = () => true;
    (stream as unknown as PassThrough).on("data", (chunk: Buffer) => (stream.text += chunk.toString()));
    return stream;
  };

  it("draws a bar with the count, rate and ETA on a terminal", async () => {
    const stream = tty();
    const progress = createProgress("Replaying", { json: false, stream });
    progress.start(1000);
    progress.update(500);
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.text).toMatch(/Replaying \[.*\] \d+% \| \d+\/1000 events \| [\d,-]+ events\/s \| ETA /);
  });

  it("stays silent in a pipe and with JSON output", async () => {
    for (const [json, isTTY] of [
      [false, false],
      [true, true],
    ] as const) {
      const stream = tty();
      stream.isTTY = isTTY;
      const progress = createProgress("Replaying", { json, stream });
      progress.start(10);
      progress.update(5);
      progress.stop();
      await new Promise((resolve) => setImmediate(resolve));
      expect(stream.text).toBe("");
    }
  });
});
