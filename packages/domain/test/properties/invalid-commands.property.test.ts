import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { controlPlaneCommandCodec, decodeControlPlaneCommand } from "@cloud-ledger/domain";
import { commandArbitraries, invalidCommandInputArbitrary } from "@cloud-ledger/domain/testing";

describe("malformed commands", () => {
  it("get an invalid-command error naming the one field that is wrong, and never throw", () => {
    fc.assert(
      fc.property(invalidCommandInputArbitrary, ({ input, field }) => {
        const decoded = decodeControlPlaneCommand(input);
        expect(decoded._tag).toBe("Left");
        if (decoded._tag !== "Left") return;
        expect(decoded.left.code).toBe("invalid-command");
        expect(decoded.left.field).toBe(field);
        expect(decoded.left.message.length).toBeGreaterThan(0);
        expect(controlPlaneCommandCodec.decode(input)._tag).toBe("Left");
      }),
      { numRuns: 500 },
    );
  });

  it("reach every kind of mutation", () => {
    const seen = new Set(fc.sample(invalidCommandInputArbitrary, { numRuns: 500, seed: 7 }).map((m) => m.mutation));
    expect([...seen].sort()).toEqual(["missing-field", "not-an-object", "unknown-field", "unknown-type", "wrong-type"]);
  });

  it("never echo a secret value in the error", () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{12,24}$/).map((s) => `s3cr3t-${s}`);
    fc.assert(
      fc.property(
        commandArbitraries.SetSecret,
        secret,
        fc.constantFrom("name", "projectKey", "organization", "extra"),
        (command, value, broken) => {
          const input = { ...command, value, [broken]: broken === "extra" ? value : 12 };
          const decoded = decodeControlPlaneCommand(input);
          expect(decoded._tag).toBe("Left");
          expect(JSON.stringify(decoded)).not.toContain(value);
        },
      ),
    );
  });
});
