import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { domainEventDefinitions, domainEventReplayChecks, domainEventSerde } from "@cloud-ledger/domain";
import { domainEventArbitrary } from "@cloud-ledger/domain/testing";

const definitionOf = new Map(domainEventDefinitions.map((d) => [d.type as string, d]));

/** A value that may break a field: wrong JSON types, boundary strings and numbers, nested junk. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(undefined, "", "\u0000", "\uD800", "x".repeat(4097), -1, 256, 1.5, [], {}, null),
);

/** What io-ts says of the data: refused, accepted unchanged, or accepted as another value. */
function ioTsVerdict(type: string, data: unknown): "refused" | "unchanged" | "rewritten" {
  const decoded = definitionOf.get(type)?.data.decode(data);
  if (decoded === undefined || decoded._tag === "Left") return "refused";
  return decoded.right === data ? "unchanged" : "rewritten";
}

describe("replay checks generated from the event catalog", () => {
  it("cover every event type at its current schema version", () => {
    expect([...domainEventReplayChecks.keys()].sort()).toEqual(domainEventDefinitions.map((d) => d.type as string).sort());
    for (const d of domainEventDefinitions) expect(domainEventReplayChecks.get(d.type)?.schemaVersion).toBe(d.schemaVersion);
  });

  it("accept exactly the data io-ts accepts unchanged, on valid and mutated events", () => {
    fc.assert(
      fc.property(
        domainEventArbitrary,
        fc.nat(),
        oddValue,
        fc.constantFrom("none", "replace", "remove", "add"),
        (event, pick, value, how) => {
          const data: Record<string, unknown> = { ...(domainEventSerde.encode(event).data as Record<string, unknown>) };
          const key = Object.keys(data)[pick % Object.keys(data).length] ?? "organization";
          if (how === "replace") data[key] = value;
          else if (how === "remove") delete data[key];
          else if (how === "add") data[`zz${key}`] = value;
          const accepted = domainEventReplayChecks.get(event.type)?.check(data);
          const verdict = ioTsVerdict(event.type, data);
          // An optional field set to undefined is the one input io-ts accepts that the check leaves to the serde.
          if (accepted === true) expect(verdict).toBe("unchanged");
          else if (!(how === "replace" && value === undefined)) expect(verdict).toBe("refused");
          if (how === "none") expect(accepted).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
