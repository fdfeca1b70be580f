import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { GrowOnlySet } from "@cloud-ledger/domain";

// The credits state's record of charged executions (rule 42: a run is charged once) must stay intact when a state is
// folded further and the fold is then dropped (a lost append race re-decides from the older state).
describe("GrowOnlySet", () => {
  it("adding leaves the earlier set as it was, and membership matches a plain Set", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-f]{1,3}$/), { maxLength: 200 }), fc.nat(200), (members, cut) => {
        let set = GrowOnlySet.empty;
        const snapshots: { set: GrowOnlySet; plain: Set<string> }[] = [];
        const plain = new Set<string>();
        members.forEach((member, index) => {
          if (index === cut) snapshots.push({ set, plain: new Set(plain) });
          set = set.add(member);
          plain.add(member);
        });
        expect(set.size).toBe(plain.size);
        expect(set.toJSON()).toEqual([...plain].sort());
        for (const snapshot of snapshots) {
          expect(snapshot.set.size).toBe(snapshot.plain.size);
          for (const member of members) expect(snapshot.set.has(member)).toBe(snapshot.plain.has(member));
        }
      }),
    );
  });

  it("a branch folded from an older set does not see what another branch added", () => {
    const base = GrowOnlySet.empty.add("a").add("b");
    const left = base.add("c");
    const right = base.add("d");
    expect([left.has("c"), left.has("d"), right.has("c"), right.has("d"), base.has("c")]).toEqual([true, false, false, true, false]);
  });
});
