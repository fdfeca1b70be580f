import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { NewEvent } from "@cloud-ledger/domain";
import { newEventProblem } from "@cloud-ledger/domain";

// The rule as it was written before the faster check (length + /^[0-9a-f]+$/).
const HASH_PATTERN = /^[0-9a-f]{64}$/;

const base: NewEvent = {
  eventId: "evt-1",
  type: "SampleHappened",
  schemaVersion: 1,
  data: { n: 1 },
  metadata: { actor: "system:test", occurredAt: "2026-01-02T03:04:05.678Z", correlationId: "c", causationId: "c", commandId: "c" },
  hash: "0".repeat(64),
};

const hexish = fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEFg \n\0"), minLength: 60, maxLength: 68 });
const candidate = fc.oneof(
  hexish,
  fc.string(),
  fc.stringMatching(/^[0-9a-f]{64}$/),
  fc.stringMatching(/^[0-9a-f]{64}\n$/),
  fc.constantFrom(undefined, null, 7, ["a"]),
);

describe("append guard: the hash rule", () => {
  it("refuses exactly the hashes /^[0-9a-f]{64}$/ refuses", () => {
    fc.assert(
      fc.property(candidate, (hash) => {
        const problem = newEventProblem({ ...base, hash } as unknown as NewEvent);
        const valid = typeof hash === "string" && HASH_PATTERN.test(hash);
        expect(problem).toBe(valid ? undefined : "hash must be 64 lowercase hex characters");
      }),
      { numRuns: 2000 },
    );
  });

  it("a trailing newline or one uppercase digit is refused", () => {
    expect(newEventProblem({ ...base, hash: `${"a".repeat(63)}\n` })).toBe("hash must be 64 lowercase hex characters");
    expect(newEventProblem({ ...base, hash: `${"a".repeat(64)}\n` })).toBe("hash must be 64 lowercase hex characters");
    expect(newEventProblem({ ...base, hash: `${"a".repeat(63)}A` })).toBe("hash must be 64 lowercase hex characters");
    expect(newEventProblem(base)).toBeUndefined();
  });
});
