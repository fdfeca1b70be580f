import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createChainTips } from "../../src/integrity/chain-tips.js";

const hash = fc.stringMatching(/^[0-9a-f]{64}$/);

describe("chain tips", () => {
  it("behave like a map from stream to its last (version, hash), through many slot-array growths", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 2 ** 40 }), hash), { maxLength: 300 }),
        (writes) => {
          const tips = createChainTips(2);
          const model = new Map<string, { version: number; hash: string }>();
          for (const [stream, version, h] of writes) {
            tips.set(`s-${stream}`, version, h);
            model.set(`s-${stream}`, { version, hash: h });
          }
          expect(tips.size).toBe(model.size);
          for (let stream = 0; stream <= 41; stream += 1) {
            const name = `s-${stream}`;
            expect(tips.version(name)).toBe(model.get(name)?.version ?? 0);
            expect(tips.hash(name)).toBe(model.get(name)?.hash);
          }
        },
      ),
    );
  });

  it("refuse a hash that is not 64 lowercase hex characters", () => {
    const tips = createChainTips();
    expect(() => tips.set("s", 1, "ab")).toThrow(RangeError);
    expect(() => tips.set("s", 1, "A".repeat(64))).toThrow(RangeError);
    expect(() => tips.set("s", 1, "g".repeat(64))).toThrow(RangeError);
  });
});
