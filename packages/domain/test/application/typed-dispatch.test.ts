import { describe, expect, expectTypeOf, it } from "vitest";
import { right } from "fp-ts/lib/Either.js";
import {
  createCommandHandler,
  createControlPlane,
  type CommandHandler,
  type GitResolver,
  type IdGenerator,
  type RecordedDomainEvent,
} from "@cloud-ledger/domain";
import { createTinyStore } from "../support/tiny-store.js";

const clock = { now: () => "2023-08-24T12:00:00.000Z" };
const git: GitResolver = { resolve: () => Promise.reject(new Error("no git in this test")) };
function counterIds(): IdGenerator {
  let n = 0;
  return { ulid: () => `01H0000000000000000000${String(++n).padStart(4, "0")}`, executionId: () => (++n).toString(16).padStart(32, "0") };
}
const signUp = { type: "SignUpUser", githubUserId: "583231", login: "alice" } as const;

describe("dispatch returns decoded, typed domain events", () => {
  it("narrows each event's data by its type, with no cast", async () => {
    const store = createTinyStore();
    const plane = createControlPlane({ store, clock, ids: counterIds(), git });
    const result = await plane.dispatch({ command: signUp, commandId: "c-1", actor: "github:583231" });
    if (result._tag === "Left") throw new Error(`dispatch failed: ${result.left.kind}`);
    const [event] = result.right.events;
    expectTypeOf(result.right.events).toEqualTypeOf<readonly RecordedDomainEvent[]>();
    if (event?.type !== "UserSignedUp") throw new Error(`expected UserSignedUp, got ${event?.type}`);
    expectTypeOf(event.data.login).toEqualTypeOf<string>();
    expectTypeOf(event.data).not.toHaveProperty("organization");
    expect(event.data).toEqual({ githubUserId: "583231", login: "alice" });
    // The store envelope travels with the decoded data.
    expect(event).toMatchObject({ streamName: "user-583231", version: 1, metadata: { commandId: "c-1" } });
  });

  it("reads an event outside the catalog from an embedder's handler as corrupt instead of passing it on mistyped", async () => {
    const store = createTinyStore();
    const real = createCommandHandler({ store, clock, ids: counterIds() });
    const handler: CommandHandler = {
      async handle(request) {
        const done = await real.handle(request);
        if (done._tag === "Left") return done;
        const [first] = done.right.events;
        if (first === undefined) return done;
        return right({ ...done.right, events: [{ ...first, type: "SomethingElse" }] });
      },
    };
    const plane = createControlPlane({ store, clock, ids: counterIds(), git, handler });
    const result = await plane.dispatch({ command: signUp, commandId: "c-1", actor: "github:583231" });
    expect(result._tag === "Left" && result.left).toMatchObject({ kind: "corrupt", streamName: "user-583231", version: 1 });
    expect(result._tag === "Left" && result.left.kind === "corrupt" && result.left.message).toContain("SomethingElse");
  });
});
