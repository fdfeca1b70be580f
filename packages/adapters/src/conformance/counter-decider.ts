import { left, right } from "fp-ts/lib/Either.js";
import type { Clock, Decider, EventSerde, IdGenerator } from "@cloud-ledger/domain";

/** A tiny decider for the idempotency case: the handler, not the domain, is what is under test. */
export type CounterCommand = { readonly kind: "add"; readonly amount: number };
export type CounterEvent = { readonly kind: "added"; readonly amount: number };

export const counterDecider: Decider<CounterCommand, CounterEvent, number, string> = {
  initialState: () => 0,
  decide: (command) => (command.amount > 0 ? right([{ kind: "added", amount: command.amount }]) : left("amount must be positive")),
  evolve: (total, event) => total + event.amount,
};

export const counterSerde: EventSerde<CounterEvent> = {
  encode: (event) => ({ type: "CounterAdded", schemaVersion: 1, data: { amount: event.amount } }),
  decode: (recorded) => {
    const data = recorded.data as { amount?: unknown } | null;
    return recorded.type === "CounterAdded" && typeof data?.amount === "number"
      ? right({ kind: "added", amount: data.amount })
      : left(`unexpected ${recorded.type}`);
  },
};

export const fixedClock: Clock = { now: () => "2026-11-30T10:00:00.000Z" };

export function countingIds(prefix: string): IdGenerator {
  let next = 0;
  const id = (): string => `${prefix}-${(next += 1).toString().padStart(8, "0")}`;
  return { ulid: id, executionId: id };
}
