import { describe, expect, it } from "vitest";
import { createCommandHandler, userDecider, userEventSerde, type IdGenerator } from "@cloud-ledger/domain";
import { createTinyStore } from "../support/tiny-store.js";

function counterIds(): IdGenerator {
  let n = 0;
  return { ulid: () => `01H0000000000000000000${String(++n).padStart(4, "0")}`, executionId: () => (++n).toString(16).padStart(32, "0") };
}

const changeLogin = (login: string, commandId: string) => ({
  streamName: "user-583231",
  decider: userDecider,
  serde: userEventSerde,
  envelope: { command: { type: "ChangeUserLogin" as const, githubUserId: "583231", login }, commandId, actor: "github:583231" },
});

// The audit refuses a stream whose occurredAt runs backwards. Two writers whose clocks disagree (or one that read the
// time before the other appended) must still leave a valid stream: an event is never stamped before its predecessor.
describe("occurredAt within a stream", () => {
  it("a writer whose clock is behind the stream's last event stamps that event's time, not its own", async () => {
    const store = createTinyStore();
    const ahead = createCommandHandler({ store, clock: { now: () => "2023-08-24T12:00:05.000Z" }, ids: counterIds() });
    const behind = createCommandHandler({ store, clock: { now: () => "2023-08-24T12:00:01.000Z" }, ids: counterIds() });
    await ahead.handle({
      ...changeLogin("x", "c-0"),
      envelope: { command: { type: "SignUpUser", githubUserId: "583231", login: "octocat" }, commandId: "c-1", actor: "github:583231" },
    });
    const late = await behind.handle(changeLogin("octo-2", "c-2"));
    if (late._tag === "Left") throw new Error(JSON.stringify(late.left));
    expect(late.right.events[0]?.metadata.occurredAt).toBe("2023-08-24T12:00:05.000Z");
    const later = createCommandHandler({ store, clock: { now: () => "2023-08-24T12:00:09.000Z" }, ids: counterIds() });
    const onTime = await later.handle(changeLogin("octo-3", "c-3"));
    if (onTime._tag === "Left") throw new Error(JSON.stringify(onTime.left));
    expect(onTime.right.events[0]?.metadata.occurredAt).toBe("2023-08-24T12:00:09.000Z");
  });
});
