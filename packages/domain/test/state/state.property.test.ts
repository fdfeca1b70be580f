import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bookmarkDecider, canonicalJson, nobleSha256Hex, type BookmarkState, type StateEvent } from "@cloud-ledger/domain";
import { stateContentArbitrary } from "@cloud-ledger/domain/testing";
import { ORG, PK } from "../support/fixtures.js";

const ID = "prod:tap-github-to-target-jsonl";
const on = { organization: ORG, projectKey: PK, stateId: ID } as const;
const digestOf = (content: unknown): string => nobleSha256Hex(canonicalJson(content));

// A pool of few contents, so sequences often set the same content twice (the no-op case of rule 52).
const stepArbitrary = fc.array(stateContentArbitrary, { minLength: 1, maxLength: 3 }).chain((pool) =>
  fc.array(
    fc.oneof(
      fc.constantFrom(...pool).map((content) => ({ set: content })),
      fc.constant({ set: undefined }),
    ),
    { maxLength: 25 },
  ),
);

describe("rules 52 and 53, as a model: a bookmark is the last content set since the last delete", () => {
  it("every change is one event whose previous digest is the content it replaced; the log replays to the model", () => {
    fc.assert(
      fc.property(stepArbitrary, (steps) => {
        let state: BookmarkState = bookmarkDecider.initialState();
        let model: unknown;
        const log: StateEvent[] = [];
        for (const step of steps) {
          const command =
            step.set === undefined
              ? { type: "DeleteState" as const, ...on }
              : { type: "SetState" as const, ...on, content: step.set, digest: digestOf(step.set) };
          const decided = bookmarkDecider.decide(command, state);
          if (step.set === undefined) {
            expect(decided._tag).toBe(model === undefined ? "Left" : "Right");
            if (decided._tag === "Right")
              expect(decided.right).toEqual([{ type: "StateDeleted", data: { ...on, previousDigest: digestOf(model) } }]);
            model = undefined;
          } else {
            const changed = model === undefined || digestOf(model) !== digestOf(step.set);
            const previous = model === undefined ? {} : { previousDigest: digestOf(model) };
            const expected = changed
              ? [{ type: "StateSet", data: { ...on, content: step.set, digest: digestOf(step.set), ...previous } }]
              : [];
            expect(decided).toEqual({ _tag: "Right", right: expected });
            model = step.set;
          }
          if (decided._tag === "Right") {
            log.push(...decided.right);
            state = decided.right.reduce(bookmarkDecider.evolve, state);
          }
        }
        // Each event's previous digest names the content of the StateSet just before it (none after a delete).
        let last: string | undefined;
        for (const event of log) {
          expect(event.data.previousDigest).toBe(last);
          last = event.type === "StateSet" ? event.data.digest : undefined;
        }
        const replayed = log.reduce(bookmarkDecider.evolve, bookmarkDecider.initialState());
        expect(replayed).toEqual(
          model === undefined ? { status: "absent" } : { status: "present", organization: ORG, projectKey: PK, digest: digestOf(model) },
        );
      }),
      { numRuns: 200 },
    );
  });
});
