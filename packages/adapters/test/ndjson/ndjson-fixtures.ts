import { PassThrough, Readable, Writable } from "node:stream";
import type { EventStore, JsonValue } from "@cloud-ledger/domain";
import { sampleEvents } from "@cloud-ledger/adapters/conformance";

/** Interleaved streams with awkward names and payloads, correctly hash-chained. */
export async function seedStore(store: EventStore): Promise<void> {
  const payloads: JsonValue[] = [
    { z: 1, a: [true, null, 1.5e-7], "ü😀": "𝄞 line\u2028sep" },
    "a top-level string",
    { nested: { deeper: { deepest: [1, { x: "y" }] } } },
    { big: "x".repeat(200_000) },
  ];
  const streams = ["org-1", "project 2/with slash", "ünïcode-😀", "tab\tand\nnewline"];
  const chains = new Map<string, { version: number; hash: string }>();
  for (let round = 0; round < 6; round += 1) {
    for (const [s, stream] of streams.entries()) {
      const tip = chains.get(stream);
      const count = 1 + ((round + s) % 3);
      const events = sampleEvents(stream, count, {
        data: (i) => payloads[(round + s + i) % payloads.length]!,
        metadata: { tenant: `t-${s}`, trace: { round } },
        ...(tip === undefined ? {} : { after: tip }),
      });
      await store.append(stream, events, { expectedVersion: tip?.version ?? "no_stream" });
      chains.set(stream, { version: (tip?.version ?? 0) + count, hash: events[events.length - 1]!.hash });
    }
  }
}

/** Collects everything written to it as one string. */
export function collector(): { readonly stream: Writable; text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
}

export async function exportText(store: EventStore, exporter: (store: EventStore, out: Writable) => Promise<unknown>): Promise<string> {
  const out = collector();
  await exporter(store, out.stream);
  return out.text();
}

/** A readable over `text` in small byte chunks that split multi-byte characters. */
export function chunked(text: string, size = 37): Readable {
  const bytes = Buffer.from(text, "utf8");
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

export function throughPassThrough(text: string): Readable {
  const pass = new PassThrough();
  pass.end(text);
  return pass;
}
