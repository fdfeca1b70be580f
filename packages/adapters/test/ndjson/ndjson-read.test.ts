import { describe, expect, it } from "vitest";
import type { RecordedEvent } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { exportToNdjson, NdjsonFormatError, readNdjsonEvents, type ReadNdjsonOptions } from "@cloud-ledger/adapters/ndjson";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { chunked, exportText, seedStore, throughPassThrough } from "./ndjson-fixtures.js";

async function seeded(): Promise<{ events: readonly RecordedEvent[]; lines: string[] }> {
  const store = createMemoryEventStore();
  await seedStore(store);
  const text = await exportText(store, (s, out) => exportToNdjson(s, out));
  return { events: await store.readAll(), lines: text.split("\n").slice(0, -1) };
}

async function pagesOf(text: string, options?: ReadNdjsonOptions): Promise<(readonly RecordedEvent[])[]> {
  const pages: (readonly RecordedEvent[])[] = [];
  for await (const page of readNdjsonEvents(chunked(text), options)) pages.push(page);
  return pages;
}

/** Reads until the reader throws; returns the error and how many events were yielded before it. */
async function failureOf(text: string, options?: ReadNdjsonOptions): Promise<{ error: unknown; yielded: number }> {
  let yielded = 0;
  try {
    for await (const page of readNdjsonEvents(throughPassThrough(text), options)) yielded += page.length;
  } catch (error) {
    return { error, yielded };
  }
  return { error: undefined, yielded };
}

const withLine = (lines: string[], index: number, edit: (event: Record<string, unknown>) => void): string => {
  const event = JSON.parse(lines[index]!) as Record<string, unknown>;
  edit(event);
  return `${lines.map((line, i) => (i === index ? JSON.stringify(event) : line)).join("\n")}\n`;
};

describe("readNdjsonEvents", () => {
  it("checks the chain with the hasher it is given (once per event), and with none when the chain check is off", async () => {
    const { events, lines } = await seeded();
    const text = `${lines.join("\n")}\n`;
    let calls = 0;
    const counting = (input: string) => ((calls += 1), nodeSha256Hex(input));
    const pages = await pagesOf(text, { sha256: counting });
    expect(pages.flat()).toEqual(events);
    expect(calls).toBe(events.length);
    calls = 0;
    await pagesOf(text, { sha256: counting, verifyChain: false });
    expect(calls).toBe(0);
    // A hasher that disagrees with the chain's links is caught at the first event.
    const wrong = await failureOf(text, { sha256: () => "0".repeat(64) });
    expect(wrong.error).toBeInstanceOf(NdjsonFormatError);
    expect(wrong.yielded).toBe(0);
  });

  it("yields exactly the exported events, in file order, from a stream cut mid-character", async () => {
    const { events, lines } = await seeded();
    const pages = await pagesOf(`${lines.join("\n")}\n`);
    expect(pages.flat()).toEqual(events);
  });

  it("yields pages of pageSize events, the last one holding the rest", async () => {
    const { events, lines } = await seeded();
    const pages = await pagesOf(`${lines.join("\n")}\n`, { pageSize: 7 });
    expect(pages.map((p) => p.length)).toEqual([
      ...Array<number>(Math.floor(events.length / 7)).fill(7),
      ...(events.length % 7 === 0 ? [] : [events.length % 7]),
    ]);
    expect(pages.flat()).toEqual(events);
    await expect(pagesOf(`${lines.join("\n")}\n`, { pageSize: 0 })).rejects.toThrow(RangeError);
  });

  it("yields nothing for a header-only file and rejects an empty file on line 1", async () => {
    const { lines } = await seeded();
    expect(await pagesOf(`${lines[0]!}\n`)).toEqual([]);
    const { error } = await failureOf("");
    expect(error).toBeInstanceOf(NdjsonFormatError);
    expect(error).toMatchObject({ line: 1 });
  });

  it("raises NdjsonFormatError naming a bad line mid-file, after yielding the pages before it", async () => {
    const { lines } = await seeded();
    const broken = `${[...lines.slice(0, 9), "{not json", ...lines.slice(10)].join("\n")}\n`;
    const { error, yielded } = await failureOf(broken, { pageSize: 4 });
    expect(error).toBeInstanceOf(NdjsonFormatError);
    expect(error).toMatchObject({ line: 10 });
    expect((error as Error).message).toMatch(/not valid JSON/);
    expect(yielded).toBe(8);
  });

  it("checks versions, positions and (unless told not to) the hash chain like the import", async () => {
    const { lines } = await seeded();
    const skipped = await failureOf(`${[...lines.slice(0, 2), ...lines.slice(3)].join("\n")}\n`);
    expect(skipped.error).toMatchObject({ line: 3, reason: expect.stringMatching(/jumps to version/) as unknown });
    const backwards = await failureOf(withLine(lines, 4, (e) => (e.globalPosition = 2)));
    expect(backwards.error).toMatchObject({ line: 5, reason: "globalPosition 2 does not follow 3" });
    const forged = withLine(lines, 7, (e) => (e.data = { forged: true }));
    expect((await failureOf(forged)).error).toMatchObject({
      line: 8,
      reason: expect.stringMatching(/does not match its chain/) as unknown,
    });
    expect(await failureOf(forged, { verifyChain: false })).toEqual({ error: undefined, yielded: lines.length - 1 });
  });
});
