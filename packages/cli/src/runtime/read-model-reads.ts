import { channel } from "node:diagnostics_channel";
import type { EventStore } from "@cloud-ledger/domain";

/**
 * Every read of the read models at the head (`context.views()` / `context.rows()`) is published on this channel, with
 * whether the command had already written to the store. A write answers from its own result (issue 13), so a read
 * after a write is a regression: tests subscribe and expect none. Publishing costs nothing when nobody listens.
 */
export const READ_MODEL_READS_CHANNEL = "cloud-ledger:read-model-reads";

export interface ReadModelRead {
  /** True when this command had appended to the store before the read. */
  readonly afterWrite: boolean;
  /** True when the read caught the persisted rows up (the first read, or the first after a dispatch). */
  readonly caughtUp: boolean;
}

const reads = channel(READ_MODEL_READS_CHANNEL);

export function reportReadModelRead(read: ReadModelRead): void {
  if (reads.hasSubscribers) reads.publish(read);
}

/**
 * The store, noting when anything is appended through it (whoever appends: `context.dispatch`, a client of its own
 * with the vault, a log import). Every other member is the store's own, bound to it.
 */
export function noticingAppends(store: EventStore, onAppend: () => void): EventStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === "append" || property === "appendStreams")
        return (...args: unknown[]) => {
          onAppend();
          return method.apply(target, args);
        };
      return method.bind(target);
    },
  });
}
