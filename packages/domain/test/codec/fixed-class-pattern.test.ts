import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BillingAccountNumber,
  codecPatterns,
  CommitHash,
  ExecutionId,
  GithubLogin,
  GithubUserId,
  InstallationId,
  ProjectKey,
  SecretName,
  Sha256Hex,
  Slug,
  Ulid,
} from "@cloud-ledger/domain";
import { compileFixedClassPattern } from "../../src/codec/fixed-class-pattern.js";

const patternOf = (codec: unknown): RegExp => {
  const pattern = codecPatterns.get(codec as never);
  if (pattern === undefined) throw new Error("not a pattern codec");
  return pattern;
};

const fixed = [Ulid, BillingAccountNumber, ProjectKey, ExecutionId, CommitHash, Sha256Hex].map(patternOf);
const variable = [GithubUserId, GithubLogin, InstallationId, SecretName, Slug].map(patternOf);

/** Strings near the pattern: its own class's characters, neighbours of the class, non-ASCII, lengths around n. */
function nearMisses(pattern: RegExp): fc.Arbitrary<string> {
  const length = Number(/\{(\d+)\}/.exec(pattern.source)?.[1] ?? "8");
  const chars = fc.oneof(
    { arbitrary: fc.constantFrom(..."0123456789abcdefABCDEFGHIJKLMNOPQRSTUVWXYZ"), weight: 20 },
    {
      arbitrary: fc.constantFrom("/", ":", "@", "[", "`", "{", "g", "z", "I", "L", "O", "U", "\n", "\0", "é", "\uD800", "\u0130", "\u212A"),
      weight: 1,
    },
  );
  return fc.oneof(
    fc.array(chars, { minLength: length - 1, maxLength: length + 1 }).map((cs) => cs.join("")),
    fc.string({ unit: "binary", maxLength: length + 2 }),
  );
}

describe("fixed-class patterns compiled to a table", () => {
  it("compiles every fixed-length id, key and hash pattern of the domain", () => {
    for (const pattern of fixed) expect(compileFixedClassPattern(pattern), pattern.source).toBeTypeOf("function");
  });

  it("accepts and rejects exactly what the regex does", () => {
    for (const pattern of fixed) {
      const check = compileFixedClassPattern(pattern) as (u: unknown) => boolean;
      fc.assert(
        fc.property(nearMisses(pattern), (text) => {
          expect(check(text)).toBe(pattern.test(text));
        }),
        { numRuns: 1000 },
      );
      // Shrunk near misses alone rarely hit a full valid string: check the valid ones too.
      const valid = fc.stringMatching(pattern);
      fc.assert(
        fc.property(valid, (text) => {
          expect(check(text)).toBe(true);
        }),
        { numRuns: 200 },
      );
    }
  });

  it("rejects values that are not strings", () => {
    const check = compileFixedClassPattern(/^[0-9a-f]{2}$/) as (u: unknown) => boolean;
    for (const value of [undefined, null, 12, ["ab"], { toString: () => "ab" }, new String("ab")]) expect(check(value)).toBe(false);
    expect(check("ab")).toBe(true);
  });

  it("leaves every other pattern to the regex engine", () => {
    for (const pattern of variable) expect(compileFixedClassPattern(pattern), pattern.source).toBeUndefined();
    for (const pattern of [
      /^[a-f]{2}$/i,
      /^[a-f]{2}$/u,
      /^[a-f]{2}$/m,
      /^[^a-f]{2}$/,
      /^[\d]{2}$/,
      /^[a-f]{2,3}$/,
      /[a-f]{2}$/,
      /^[a-f]{2}/,
    ]) {
      expect(compileFixedClassPattern(pattern), pattern.toString()).toBeUndefined();
    }
  });
});
