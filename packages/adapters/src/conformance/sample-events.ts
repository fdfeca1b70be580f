import type { EventMetadata, JsonValue, NewEvent } from "@cloud-ledger/domain";
import { GENESIS_HASH, hashEvent } from "@cloud-ledger/domain";

let counter = 0;

/** A unique prefix per test, so suites can share one database without seeing each other's streams. */
export function uniqueName(label: string): string {
  counter += 1;
  return `${label}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export interface SampleOptions {
  readonly type?: string;
  readonly commandId?: string;
  readonly data?: (index: number) => JsonValue;
  readonly metadata?: Partial<EventMetadata> & Readonly<Record<string, JsonValue>>;
  /** The version of the stream before these events and the hash of its last event, to chain correctly. */
  readonly after?: { readonly version: number; readonly hash: string };
}

/** `count` well-formed events for `streamName`, hash-chained as the command handler would chain them. */
export function sampleEvents(streamName: string, count: number, options: SampleOptions = {}): NewEvent[] {
  let previous = options.after?.hash ?? GENESIS_HASH;
  const baseVersion = options.after?.version ?? 0;
  const commandId = options.commandId ?? uniqueName("cmd");
  const events: NewEvent[] = [];
  for (let index = 0; index < count; index += 1) {
    const metadata = {
      actor: "system:conformance",
      occurredAt: "2026-01-02T03:04:05.678Z",
      correlationId: `corr-${commandId}`,
      causationId: commandId,
      commandId,
      ...options.metadata,
    };
    const unhashed = {
      streamName,
      version: baseVersion + index + 1,
      eventId: uniqueName("evt"),
      type: options.type ?? "SampleHappened",
      schemaVersion: 1,
      data: options.data === undefined ? { index, label: `event ${index}` } : options.data(index),
      metadata,
    };
    const hash = hashEvent(previous, unhashed);
    events.push({
      eventId: unhashed.eventId,
      type: unhashed.type,
      schemaVersion: unhashed.schemaVersion,
      data: unhashed.data,
      metadata,
      hash,
    });
    previous = hash;
  }
  return events;
}
