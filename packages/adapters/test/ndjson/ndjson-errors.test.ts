import { describe, expect, it } from "vitest";
import type { EventStore } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { exportToNdjson, importFromNdjson, NdjsonFormatError, type ImportOptions } from "@cloud-ledger/adapters/ndjson";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { exportText, seedStore, throughPassThrough } from "./ndjson-fixtures.js";

async function goodFile(): Promise<string[]> {
  const store = createMemoryEventStore();
  await seedStore(store);
  const text = await exportText(store, (s, out) => exportToNdjson(s, out));
  return text.split("\n").slice(0, -1);
}

/** Edits one line's JSON object. */
function editLine(lines: string[], index: number, edit: (event: Record<string, unknown>) => void): string[] {
  const event = JSON.parse(lines[index]!) as Record<string, unknown>;
  edit(event);
  return lines.map((line, i) => (i === index ? JSON.stringify(event) : line));
}

async function expectRejected(
  lines: string[],
  line: number,
  reason: RegExp,
  target: EventStore = createMemoryEventStore(),
  options: ImportOptions = {},
): Promise<void> {
  const before = await target.headPosition();
  const text = lines.length === 0 ? "" : `${lines.join("\n")}\n`;
  for (const source of [() => throughPassThrough(text), throughPassThrough(text)]) {
    const error: unknown = await importFromNdjson(source, target, options).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(NdjsonFormatError);
    expect(error).toMatchObject({ line });
    expect((error as Error).message).toMatch(reason);
    expect(await target.headPosition(), "a bad file writes nothing").toBe(before);
  }
}

describe("NDJSON import of a bad file", () => {
  it("rejects an empty file, a wrong header and an unknown version on line 1", async () => {
    const lines = await goodFile();
    await expectRejected([], 1, /the file is empty/);
    await expectRejected(["", ...lines.slice(1)], 1, /starts with a blank line/);
    await expectRejected(['{"format":"something-else","version":1}', ...lines.slice(1)], 1, /expected the header/);
    await expectRejected(['{"format":"cloud-ledger-ndjson","version":2}', ...lines.slice(1)], 1, /unsupported format version 2/);
  });

  it("rejects a line that is not JSON, naming its line number", async () => {
    const lines = await goodFile();
    await expectRejected([...lines.slice(0, 5), "{not json", ...lines.slice(6)], 6, /not valid JSON/);
  });

  it("rejects a missing, an extra or a mistyped field", async () => {
    const lines = await goodFile();
    await expectRejected(
      editLine(lines, 3, (e) => delete e.hash),
      4,
      /expected exactly the keys/,
    );
    await expectRejected(
      editLine(lines, 3, (e) => (e.extra = 1)),
      4,
      /expected exactly the keys/,
    );
    await expectRejected(
      editLine(lines, 3, (e) => (e.schemaVersion = "1")),
      4,
      /schemaVersion must be an integer/,
    );
    await expectRejected(
      editLine(lines, 3, (e) => (e.metadata = { actor: "x" })),
      4,
      /metadata\.occurredAt must be a string/,
    );
    await expectRejected(
      editLine(lines, 3, (e) => (e.streamName = "")),
      4,
      /stream name must not be empty/,
    );
  });

  it("rejects an empty line in the middle", async () => {
    const lines = await goodFile();
    await expectRejected([...lines.slice(0, 3), "", ...lines.slice(3)], 4, /empty line/);
  });

  it("rejects a skipped or repeated version and positions that do not increase", async () => {
    const lines = await goodFile();
    await expectRejected([...lines.slice(0, 2), ...lines.slice(3)], 3, /jumps to version/);
    await expectRejected(
      editLine(lines, 4, (e) => (e.globalPosition = 2)),
      5,
      /globalPosition 2 does not follow 3/,
    );
  });

  it("rejects an edited event whose hash no longer matches its chain, unless told not to check", async () => {
    const lines = await goodFile();
    const edited = editLine(lines, 7, (e) => (e.data = { forged: true }));
    await expectRejected(edited, 8, /does not match its chain/);
    const target = createMemoryEventStore();
    await importFromNdjson(throughPassThrough(`${edited.join("\n")}\n`), target, { verifyChain: false });
    expect(await target.headPosition()).toBe(lines.length - 1);
  });

  it("continuing a store, rejects a stream the target already has that the file starts anew, writing nothing", async () => {
    const lines = await goodFile();
    const target = createMemoryEventStore();
    const name = (JSON.parse(lines[3]!) as { streamName: string }).streamName;
    await target.append(name, sampleEvents(name, 1), { expectedVersion: "no_stream" });
    const firstLineOfStream = lines.findIndex((l, i) => i > 0 && (JSON.parse(l) as { streamName: string }).streamName === name) + 1;
    // Positions after the target's head, as a continuation must have (positions are not part of the hash).
    const later = lines.map((l, i) =>
      i === 0 ? l : l.replace(/"globalPosition":(\d+)/, (_m, p: string) => `"globalPosition":${Number(p) + 100}`),
    );
    await expectRejected(later, firstLineOfStream, /already exists in the target store/, target, { mode: "continue" });
  });

  it("accepts a file without a final newline", async () => {
    const lines = await goodFile();
    const target = createMemoryEventStore();
    expect(await importFromNdjson(throughPassThrough(lines.join("\n")), target)).toEqual({ events: lines.length - 1, streams: 4 });
  });
});
