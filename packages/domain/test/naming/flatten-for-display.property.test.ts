import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { flattenForDisplay, isSafeDisplayText } from "@cloud-ledger/domain";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Any UTF-16 text, lone surrogates and every control character included: what a receiver's body may decode to. */
const anyText = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 80 });

describe("flattenForDisplay: one inert line, whatever the input", () => {
  it("yields safe display text, no lone surrogate, within the limit", () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 40 }), (text, limit) => {
        const line = flattenForDisplay(text, limit);
        expect(isSafeDisplayText(line)).toBe(true);
        expect(LONE_SURROGATE.test(line)).toBe(false);
        expect(line.length).toBeLessThanOrEqual(limit);
      }),
    );
  });

  it("leaves short safe text as it is (after trimming)", () => {
    expect(flattenForDisplay("  prod deployment ", 50)).toBe("prod deployment");
  });

  it("turns each run of control characters into one space (no header injection)", () => {
    expect(flattenForDisplay("ok\r\nBcc: victim@example.com", 100)).toBe("ok Bcc: victim@example.com");
    expect(flattenForDisplay("a\u001b[2J\u202eb", 100)).toBe("a [2J b");
  });

  it("cuts a long line with an ellipsis, never inside a surrogate pair", () => {
    expect(flattenForDisplay("abcdefgh", 5)).toBe("abcd…");
    expect(flattenForDisplay("abc😀def", 5)).toBe("abc…");
    expect(flattenForDisplay("\ud800xyz", 10)).toBe("\ufffdxyz");
  });
});
