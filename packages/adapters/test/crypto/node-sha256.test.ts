import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { GENESIS_HASH, hashEvent, nobleSha256Hex, type JsonValue } from "@cloud-ledger/domain";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
// Mixes ASCII, BMP, astral (surrogate pairs) and lone surrogates in one string.
const anyText = fc
  .array(fc.oneof(fc.string({ unit: "binary-ascii" }), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), loneSurrogate))
  .map((parts) => parts.join(""));

describe("nodeSha256Hex", () => {
  it("matches the FIPS 180-2 test vectors", () => {
    expect(nodeSha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(nodeSha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("hashes the UTF-8 bytes of astral characters", () => {
    // "😀" is U+1F600, F0 9F 98 80 in UTF-8.
    expect(nodeSha256Hex("😀")).toBe(nobleSha256Hex("😀"));
    expect(nodeSha256Hex("😀")).not.toBe(nodeSha256Hex("\u{1F601}"));
  });

  test.prop([anyText], { numRuns: 500 })("equals the portable default on any string", (text) => {
    expect(nodeSha256Hex(text)).toBe(nobleSha256Hex(text));
  });

  test.prop([fc.jsonValue(), fc.string({ unit: "binary" })], { numRuns: 200 })(
    "gives the same chain link as the default",
    (data, streamName) => {
      const event = {
        streamName,
        version: 1,
        eventId: "01HZY0000000000000000000AA",
        type: "Test",
        schemaVersion: 1,
        data: data as JsonValue,
        metadata: { actor: "user:a", occurredAt: "2023-06-01T12:00:00.000Z", correlationId: "c", causationId: "c", commandId: "c" },
      };
      expect(hashEvent(GENESIS_HASH, event, nodeSha256Hex)).toBe(hashEvent(GENESIS_HASH, event));
    },
  );
});
