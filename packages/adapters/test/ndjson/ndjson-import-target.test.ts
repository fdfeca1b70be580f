import { writeFileSync } from "node:fs";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { RecordedEvent } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteEventStore, withSqliteTransaction } from "@cloud-ledger/adapters/sqlite";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import {
  exportToNdjson,
  importFromNdjson,
  ImportTargetError,
  MAX_EVENT_LINE_LENGTH,
  NdjsonFormatError,
  prepareNdjsonImport,
  type ImportOptions,
  type ImportStore,
} from "@cloud-ledger/adapters/ndjson";
import { tempFolder } from "../sqlite/temp-folder.js";
import { exportText, seedStore } from "./ndjson-fixtures.js";

const temp = tempFolder("ndjson-target");
afterAll(() => temp.remove());
let files = 0;

async function goodLines(): Promise<string[]> {
  const store = createMemoryEventStore();
  await seedStore(store);
  return (await exportText(store, (s, out) => exportToNdjson(s, out))).split("\n").slice(0, -1);
}

const text = (lines: readonly string[]): string => `${lines.join("\n")}\n`;
const source = (lines: readonly string[]) => () => Readable.from([text(lines)]);

async function failure(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("NDJSON import: the target", () => {
  it("refuses a target that already holds events unless asked to continue it, writing nothing", async () => {
    const lines = await goodLines();
    const target = createMemoryEventStore();
    await target.append("elsewhere", sampleEvents("elsewhere", 2), { expectedVersion: "no_stream" });
    const error = await failure(importFromNdjson(source(lines), target));
    expect(error).toBeInstanceOf(ImportTargetError);
    expect(error).toMatchObject({ kind: "not-empty" });
    expect(await target.headPosition()).toBe(2);
  });

  it("appends a log that continues the target exactly (versions, hash links, later positions)", async () => {
    const lines = await goodLines();
    const cut = 20;
    const target = createMemoryEventStore();
    await importFromNdjson(source(lines.slice(0, cut + 1)), target);
    const tail = [lines[0]!, ...lines.slice(cut + 1)];
    expect(await importFromNdjson(source(tail), target, { mode: "continue" })).toMatchObject({ events: lines.length - 1 - cut });
    expect(await exportText(target, (s, out) => exportToNdjson(s, out))).toBe(text(lines));
  });

  it("refuses a continuation whose first event does not link to the target's last hash, or overlaps the head", async () => {
    const lines = await goodLines();
    const target = createMemoryEventStore();
    await importFromNdjson(source(lines.slice(0, 21)), target);
    // A tail that skips one event: some stream then jumps a version, or its hash link breaks.
    const skipping = [lines[0]!, ...lines.slice(22)];
    const skipped = await failure(importFromNdjson(source(skipping), target, { mode: "continue" }));
    expect(skipped).toBeInstanceOf(NdjsonFormatError);
    expect((skipped as Error).message).toMatch(/jumps to version|does not match its chain/);
    const overlapping = [lines[0]!, ...lines.slice(20)];
    const overlap = await failure(importFromNdjson(source(overlapping), target, { mode: "continue" }));
    expect((overlap as Error).message).toMatch(/line 2: globalPosition 20 is not after the target store's head 20/);
    expect(await target.headPosition()).toBe(20);
  });

  it("refuses an event id used twice in the file, naming both lines, and one the target already holds", async () => {
    const lines = await goodLines();
    const reuse = (index: number, id: string): string[] =>
      lines.map((line, i) => (i === index ? line.replace(/"eventId":"[^"]+"/, `"eventId":${JSON.stringify(id)}`) : line));
    const firstId = (JSON.parse(lines[1]!) as RecordedEvent).eventId;
    // verifyChain off: the duplicate must be caught on its own, not as a broken hash.
    const twice = await failure(importFromNdjson(source(reuse(5, firstId)), createMemoryEventStore(), { verifyChain: false }));
    expect(twice).toBeInstanceOf(NdjsonFormatError);
    expect((twice as Error).message).toMatch(new RegExp(`line 6: event id '${firstId}' of stream .* was already used on line 2`));

    const target = createMemoryEventStore();
    await importFromNdjson(source(lines.slice(0, 11)), target);
    const tail = reuse(12, firstId);
    const again = await failure(importFromNdjson(source([tail[0]!, ...tail.slice(11)]), target, { mode: "continue", verifyChain: false }));
    expect((again as Error).message).toMatch(/line 3: event id .* was already used by the target store's event at global position 1/);
    expect(await target.headPosition()).toBe(10);
  });

  it("refuses a line longer than the limit, naming it and the limit", async () => {
    const lines = await goodLines();
    const huge = lines.map((line, i) =>
      i === 2 ? line.replace('"metadata":{', `"metadata":{"padding":"${"x".repeat(MAX_EVENT_LINE_LENGTH)}",`) : line,
    );
    const error = await failure(importFromNdjson(source(huge), createMemoryEventStore()));
    expect(error).toBeInstanceOf(NdjsonFormatError);
    expect((error as Error).message).toMatch(`NDJSON line 3: the line is longer than ${MAX_EVENT_LINE_LENGTH} characters`);
  });

  it("refuses an event the caller's check refuses, at its line, stream and version", async () => {
    const lines = await goodLines();
    const check = { seed: () => undefined, check: (event: RecordedEvent) => (event.version === 3 ? "not allowed here" : undefined) };
    const error = await failure(importFromNdjson(source(lines), createMemoryEventStore(), { check }));
    const line = lines.findIndex((l, i) => i > 0 && (JSON.parse(l) as RecordedEvent).version === 3) + 1;
    const event = JSON.parse(lines[line - 1]!) as RecordedEvent;
    expect((error as Error).message).toBe(`NDJSON line ${line}: stream '${event.streamName}' version 3: not allowed here`);
  });
});

describe("NDJSON import on SQLite in one transaction", () => {
  const sqlite = (): { path: string; atomically: NonNullable<ImportOptions["atomically"]> } => {
    files += 1;
    const path = temp.path(`atomic-${files}.db`);
    return { path, atomically: (work) => withSqliteTransaction({ path, synchronous: "NORMAL" }, work) };
  };
  const headOf = async (path: string): Promise<number> => {
    const store = openSqliteEventStore({ path });
    try {
      return await store.headPosition();
    } finally {
      await store.close();
    }
  };

  it("writes the whole log in one commit", async () => {
    const lines = await goodLines();
    const { path, atomically } = sqlite();
    expect(await importFromNdjson(source(lines), createMemoryEventStore(), { atomically, batchSize: 2 })).toMatchObject({
      events: lines.length - 1,
    });
    expect(await headOf(path)).toBe(lines.length - 1);
  });

  it("leaves nothing when the import fails mid-way (an append that fails after others landed)", async () => {
    const lines = await goodLines();
    const { path, atomically } = sqlite();
    let appends = 0;
    const failing: NonNullable<ImportOptions["atomically"]> = (work) =>
      atomically((store) =>
        work({
          ...bind(store),
          append: async (name, events, options) => {
            appends += 1;
            if (appends === 5) throw new Error("disk full");
            return store.append(name, events, options);
          },
        }),
      );
    await expect(importFromNdjson(source(lines), createMemoryEventStore(), { atomically: failing, batchSize: 2 })).rejects.toThrow(
      "disk full",
    );
    expect(appends).toBe(5);
    expect(await headOf(path)).toBe(0);
  });

  it("leaves nothing when the file changes between the check and the write", async () => {
    const lines = await goodLines();
    const { path, atomically } = sqlite();
    const file = temp.path(`changing-${files}.ndjson`);
    writeFileSync(file, text(lines));
    const { createReadStream } = await import("node:fs");
    const prepared = await prepareNdjsonImport(() => createReadStream(file), createMemoryEventStore());
    // Same shape, so every append still succeeds: only the digest of what was read tells.
    writeFileSync(
      file,
      text(lines.map((line, i) => (i === 3 ? line.replace(/"occurredAt":"[^"]+"/, '"occurredAt":"2020-01-01T00:00:00.000Z"') : line))),
    );
    const error = await failure(prepared.writeTo(createMemoryEventStore(), atomically));
    expect(error).toBeInstanceOf(ImportTargetError);
    expect(await headOf(path)).toBe(0);
  });

  it("refuses, writing nothing, when another writer got into the target after the check", async () => {
    const lines = await goodLines();
    const { path, atomically } = sqlite();
    const prepared = await prepareNdjsonImport(source(lines), createMemoryEventStore());
    const other = openSqliteEventStore({ path });
    await other.append("late", sampleEvents("late", 1), { expectedVersion: "no_stream" });
    await other.close();
    const error = await failure(prepared.writeTo(createMemoryEventStore(), atomically));
    expect(error).toMatchObject({ kind: "changed" });
    expect(await headOf(path)).toBe(1);
  });
});

function bind(store: ImportStore): ImportStore {
  return {
    append: (name, events, options) => store.append(name, events, options),
    streamVersion: (name) => store.streamVersion(name),
    headPosition: () => store.headPosition(),
    readStream: (name, options) => store.readStream(name, options),
    readAll: (options) => store.readAll(options),
  };
}
