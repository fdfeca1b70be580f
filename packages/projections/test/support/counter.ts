// A toy event family and projections for runner tests that do not depend on the domain's event catalog.
import { left, right } from "fp-ts/lib/Either.js";
import type { JsonValue, NewEvent, RecordedEvent } from "@cloud-ledger/domain";
import type { EventDecoder, Projection } from "../../src/index.js";

export type Tick = { readonly type: "Added"; readonly amount: number } | { readonly type: "Reset" };

export const tickDecoder: EventDecoder<Tick> = {
  decode(recorded: RecordedEvent) {
    if (recorded.type === "Reset") return right({ type: "Reset" });
    const data = recorded.data as { amount?: unknown } | null;
    if (recorded.type === "Added" && typeof data?.amount === "number") return right({ type: "Added", amount: data.amount });
    return left(`unknown event '${recorded.type}' or bad amount`);
  },
};

export function tick(i: number, type: "Added" | "Reset" = "Added", amount = i, occurredAt?: string): NewEvent {
  return {
    eventId: `e${i}`,
    type,
    schemaVersion: 1,
    data: type === "Added" ? { amount } : {},
    metadata: {
      actor: "system:test",
      occurredAt: occurredAt ?? new Date(Date.UTC(2023, 0, 1, 0, 0, i)).toISOString(),
      correlationId: `c${i}`,
      causationId: `c${i}`,
      commandId: `c${i}`,
    },
    hash: "0".repeat(64),
  };
}

export interface SumState {
  total: number;
  perStream: Map<string, number>;
}

export function sumProjection(name = "sum", version = 1): Projection<SumState, Tick> {
  return {
    name,
    version,
    initialState: () => ({ total: 0, perStream: new Map() }),
    apply(state, event, recorded) {
      if (event.type === "Reset") {
        state.total = 0;
        state.perStream.clear();
      } else {
        state.total += event.amount;
        state.perStream.set(recorded.streamName, (state.perStream.get(recorded.streamName) ?? 0) + event.amount);
      }
      return state;
    },
    toJson: (state): JsonValue => ({ total: state.total, perStream: [...state.perStream] }),
    fromJson(json) {
      const j = json as { total: number; perStream: [string, number][] };
      return { total: j.total, perStream: new Map(j.perStream) };
    },
  };
}

/** Counts events; immutable, to show the runner also accepts reducers that return new states. */
export function countProjection(name = "count"): Projection<number, Tick> {
  return { name, version: 1, initialState: () => 0, apply: (n) => n + 1, toJson: (n) => n, fromJson: (j) => j as number };
}
