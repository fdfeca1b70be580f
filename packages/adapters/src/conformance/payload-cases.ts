import { expect, it } from "vitest";
import type { JsonValue } from "@cloud-ledger/domain";
import type { ConformanceContext } from "./harness.js";
import { sampleEvents, uniqueName } from "./sample-events.js";
import { canonicalJson } from "../ndjson/ndjson-format.js";

// Every control character but NUL (which PostgreSQL cannot store, so the port rejects it everywhere).
const CONTROL = Array.from({ length: 31 }, (_v, i) => String.fromCharCode(i + 1)).join("") + "\u007f\u0085\u2028\u2029";

function nested(depth: number): JsonValue {
  let value: JsonValue = { leaf: "bottom", n: depth };
  for (let level = depth; level > 0; level -= 1) value = level % 2 === 0 ? { level, child: value } : [level, value];
  return value;
}

const PAYLOADS: readonly (readonly [string, JsonValue])[] = [
  [
    "unicode text",
    {
      latin: "héllo wörld ÇÃ ß",
      cjk: "日本語のテキスト 中文 한국어",
      rtl: "مرحبا بالعالم שלום",
      astral: "𝄞 𝕏 😀 👩‍👩‍👧‍👦 🏳️‍🌈 🇩🇪",
      combining: "e\u0301 A\u030a",
      zeroWidth: "a\u200bb\ufeffc",
      quotes: "'\"`\\/ \\u0000 literal",
      "ключ-ümlaut-😀": "unicode key",
      "": "empty key",
    },
  ],
  ["control characters", { control: CONTROL, list: CONTROL.split("") }],
  [
    "numbers",
    {
      zero: 0,
      negative: -17,
      fraction: 0.1,
      small: 1.5e-7,
      big: 1e21,
      maxSafe: Number.MAX_SAFE_INTEGER,
      minSafe: Number.MIN_SAFE_INTEGER,
      third: 1 / 3,
    },
  ],
  ["empty and null values", { emptyObject: {}, emptyArray: [], emptyString: "", nothing: null, yes: true, no: false }],
  ["deep nesting (120 levels)", nested(120)],
  ["a large payload (1 MB string)", { blob: "0123456789abcdef".repeat(65_536) }],
  ["many keys", Object.fromEntries(Array.from({ length: 2_000 }, (_v, i) => [`key-${i}`, i % 2 === 0 ? i : `v${i}`]))],
  ["a top-level array", [1, "two", { three: 3 }, [4]]],
  ["a top-level string", "just a string"],
  ["a top-level number", 42],
  ["top-level null", null],
];

export function registerPayloadCases(context: ConformanceContext): void {
  const { adapterName: name } = context;

  it.each(PAYLOADS)(`${name}: round-trips %s exactly in data, by stream and by readAll`, async (_label, payload) => {
    const store = context.store();
    const stream = uniqueName("payload");
    const [event] = sampleEvents(stream, 1, { data: () => payload });
    const result = await store.append(stream, [event!], { expectedVersion: "no_stream" });
    const [viaStream] = await store.readStream(stream);
    expect(viaStream!.data).toStrictEqual(payload);
    // Byte for byte, independent of the key order a store hands back (PostgreSQL's jsonb sorts keys).
    expect(canonicalJson(viaStream!.data)).toBe(canonicalJson(payload));
    const [viaAll] = await store.readAll({ after: result.positions!.first - 1, limit: 1 });
    expect(canonicalJson(viaAll!.data)).toBe(canonicalJson(payload));
  });

  it(`${name}: round-trips every envelope field and metadata verbatim`, async () => {
    const store = context.store();
    const stream = uniqueName("envelope");
    const [event] = sampleEvents(stream, 1, {
      type: "Deployment.Created-v2 ✓",
      metadata: {
        actor: "github:583231",
        occurredAt: "2026-11-30T09:59:59.999Z",
        correlationId: "corr-ü-😀",
        causationId: "cause\ttab",
        commandId: 'cmd "quoted"',
        tenant: "org-ünïcode",
        trace: { spans: [1, 2, 3], sampled: true },
      },
    });
    const withSchema = { ...event!, schemaVersion: 7 };
    await store.append(stream, [withSchema], { expectedVersion: "no_stream" });
    const [read] = await store.readStream(stream);
    expect(read).toStrictEqual({ ...withSchema, streamName: stream, version: 1, globalPosition: read!.globalPosition });
  });
}
