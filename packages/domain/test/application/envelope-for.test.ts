import { describe, expect, it } from "vitest";
import { envelopeFor } from "@cloud-ledger/domain/internal";

describe("envelopeFor", () => {
  const base = { command: { type: "A" }, commandId: "c-1", actor: "github:1" };

  it("carries the actor and whichever of correlation and causation the envelope has, and no key for an absent one", () => {
    const cases = [
      [{}, {}],
      [{ correlationId: "k" }, { correlationId: "k" }],
      [{ causationId: "x" }, { causationId: "x" }],
      [
        { correlationId: "k", causationId: "x" },
        { correlationId: "k", causationId: "x" },
      ],
    ] as const;
    for (const [ids, expected] of cases) {
      const made = envelopeFor({ ...base, ...ids }, { type: "B" }, "c-1:index-1");
      // Strict: a key holding undefined would differ from an absent one in stored metadata and in equality checks.
      expect(made).toStrictEqual({ command: { type: "B" }, commandId: "c-1:index-1", actor: "github:1", ...expected });
    }
  });
});
