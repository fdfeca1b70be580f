import { afterAll, describe, expect, it } from "vitest";
import type { EventStore } from "@cloud-ledger/domain";
import { verifyStore } from "@cloud-ledger/domain";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { exportToNdjson, importFromNdjson, NDJSON_HEADER } from "@cloud-ledger/adapters/ndjson";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";
import { tempFolder } from "../sqlite/temp-folder.js";
import { chunked, collector, exportText, seedStore, throughPassThrough } from "./ndjson-fixtures.js";

const temp = tempFolder("ndjson");
afterAll(() => temp.remove());
const toText = (store: EventStore): Promise<string> => exportText(store, (s, out) => exportToNdjson(s, out, { pageSize: 7 }));

describe("NDJSON export and import", () => {
  it("memory -> sqlite -> memory gives byte-identical files and keeps ids, metadata and hashes", async () => {
    const source = createMemoryEventStore();
    await seedStore(source);
    const first = await toText(source);

    const sqlite = openSqliteEventStore({ path: temp.path("roundtrip.db"), synchronous: "NORMAL" });
    const imported = await importFromNdjson(() => chunked(first), sqlite, { batchSize: 3 });
    expect(imported).toEqual({ events: (await source.readAll()).length, streams: 4 });
    const second = await toText(sqlite);
    expect(second).toBe(first);

    const back = createMemoryEventStore();
    await importFromNdjson(throughPassThrough(second), back);
    expect(await toText(back)).toBe(first);
    expect(await back.readAll()).toEqual(await source.readAll());
    expect(await verifyStore(sqlite)).toMatchObject({ ok: true, streams: 4 });
    await sqlite.close();
  });

  it("writes a header line, then one event per line with fixed key order and canonical payloads", async () => {
    const store = createMemoryEventStore();
    const [event] = sampleEvents("s", 1, { data: () => ({ b: 2, a: { d: 4, c: 3 } }) });
    await store.append("s", [event!], { expectedVersion: "no_stream" });
    const lines = (await toText(store)).split("\n");
    expect(lines[0]).toBe(NDJSON_HEADER);
    expect(lines[0]).toBe('{"format":"cloud-ledger-ndjson","version":1}');
    expect(lines[1]).toMatch(
      /^\{"streamName":"s","version":1,"globalPosition":1,"eventId":"[^"]+","type":"SampleHappened","schemaVersion":1,"data":\{"a":\{"c":3,"d":4\},"b":2\},"metadata":\{"actor":/,
    );
    expect(lines[2]).toBe("");
    expect(lines.length).toBe(3);
  });

  it("gives the same bytes whatever key order the store returns", async () => {
    const one = createMemoryEventStore();
    const two = createMemoryEventStore();
    const [event] = sampleEvents("s", 1, { data: () => ({ b: 1, a: 2 }) });
    await one.append("s", [event!], { expectedVersion: "no_stream" });
    await two.append("s", [{ ...event!, data: { a: 2, b: 1 } }], { expectedVersion: "no_stream" });
    expect(await toText(one)).toBe(await toText(two));
  });

  it("exports only up to the head at the start and an empty store as just the header", async () => {
    expect(await toText(createMemoryEventStore())).toBe(`${NDJSON_HEADER}\n`);
    const store = createMemoryEventStore();
    await seedStore(store);
    const head = await store.headPosition();
    const out = collector();
    const slowStore: Pick<EventStore, "readAll" | "headPosition"> = {
      headPosition: () => store.headPosition(),
      readAll: async (options) => {
        const page = await store.readAll(options);
        if (options?.after === 0) await store.append("late", sampleEvents("late", 1), { expectedVersion: "any" });
        return page;
      },
    };
    expect(await exportToNdjson(slowStore, out.stream, { pageSize: 5 })).toEqual({ events: head, headPosition: head });
    expect(out.text()).not.toContain('"late"');
  });

  it("streams: export reads in pages and import pulls lines only as fast as it appends", async () => {
    const source = createMemoryEventStore();
    for (let s = 0; s < 40; s += 1) await source.append(`s-${s}`, sampleEvents(`s-${s}`, 25), { expectedVersion: "no_stream" });
    const pages: (number | undefined)[] = [];
    const text = await exportText({ ...source, readAll: (options) => (pages.push(options?.limit), source.readAll(options)) }, (s, out) =>
      exportToNdjson(s, out, { pageSize: 100 }),
    );
    expect(pages.every((limit) => limit === 100)).toBe(true);
    expect(pages.length).toBe(10);

    const lines = text.split("\n").filter((l) => l !== "");
    let pulled = 0;
    const lead: number[] = [];
    const target = createMemoryEventStore();
    let appended = 0;
    const watched: Pick<EventStore, "append" | "streamVersion" | "headPosition"> = {
      streamVersion: (name) => target.streamVersion(name),
      headPosition: () => target.headPosition(),
      append: async (name, events, options) => {
        lead.push(pulled - appended);
        appended += events.length;
        return target.append(name, events, options);
      },
    };
    const { Readable } = await import("node:stream");
    const source2 = () => {
      pulled = 0;
      return Readable.from(
        (function* () {
          for (const line of lines) {
            pulled += 1;
            yield `${line}\n`;
          }
        })(),
      );
    };
    await importFromNdjson(source2, watched, { batchSize: 25 });
    expect(appended).toBe(1000);
    // The reader is never more than a batch plus the stream's small buffer ahead of the writes.
    expect(Math.max(...lead)).toBeLessThan(25 + 40);
  });
});
