import type * as t from "io-ts";
import { isLeft, left, right, type Either } from "fp-ts/lib/Either.js";
import type { JsonValue, RecordedEvent } from "../ports/event-store.js";
import type { EventSerde } from "../application/command-handler.types.js";
import { describeDecodeErrors, formatDecodeProblem } from "./decode-error.js";

/** Turns the stored data of one schema version into the shape of the next version. */
export type Upcaster = (data: JsonValue) => JsonValue;

/** One event type: its current schema version, the codec of its data, and upcasters from every older version. */
export interface EventDefinition<Type extends string, Data> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: t.Type<Data, unknown, unknown>;
  /** `upcasters[v]` lifts version v to v + 1; every version from 1 to schemaVersion - 1 needs one. */
  readonly upcasters: Readonly<Record<number, Upcaster>>;
}

/** The in-memory shape of every domain event: a type tag and its data (metadata lives in the store envelope). */
export interface TypedEvent<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
}

export function defineEvent<Type extends string, Data>(
  type: Type,
  schemaVersion: number,
  data: t.Type<Data, unknown, unknown>,
  upcasters: Readonly<Record<number, Upcaster>> = {},
): EventDefinition<Type, Data> {
  return { type, schemaVersion, data, upcasters };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition = EventDefinition<string, any>;

/** The union of events a list of definitions describes. */
export type EventOf<Defs extends readonly AnyDefinition[]> = {
  [K in keyof Defs]: Defs[K] extends EventDefinition<infer Type, infer Data> ? TypedEvent<Type, Data> : never;
}[number];

/**
 * A serde over a set of event definitions: encodes with the current schema version, decodes any supported version by
 * upcasting step by step, and names type, version and field in every failure.
 */
export function createEventSerde<Event extends TypedEvent<string, unknown>>(
  definitions: readonly AnyDefinition[],
  label: string,
): EventSerde<Event> {
  const byType = new Map<string, AnyDefinition>(definitions.map((d) => [d.type, d]));
  return {
    encode(event) {
      const definition = byType.get(event.type);
      if (definition === undefined) throw new TypeError(`${label}: cannot encode unknown event type '${event.type}'`);
      return { type: event.type, schemaVersion: definition.schemaVersion, data: definition.data.encode(event.data) as JsonValue };
    },
    decode(recorded: Pick<RecordedEvent, "type" | "schemaVersion" | "data">): Either<string, Event> {
      const definition = byType.get(recorded.type);
      if (definition === undefined) return left(`${label}: unknown event type '${recorded.type}'`);
      const from = recorded.schemaVersion;
      if (!Number.isInteger(from) || from < 1 || from > definition.schemaVersion) {
        return left(`'${recorded.type}' schema version ${from} is not supported (current is ${definition.schemaVersion})`);
      }
      let data = recorded.data;
      for (let version = from; version < definition.schemaVersion; version += 1) {
        const upcast = definition.upcasters[version];
        if (upcast === undefined) return left(`'${recorded.type}' has no upcaster from schema version ${version}`);
        data = upcast(data);
      }
      const decoded = definition.data.decode(data);
      if (isLeft(decoded)) {
        const problems = describeDecodeErrors(decoded.left).map(formatDecodeProblem).join("; ");
        return left(`'${recorded.type}' schema version ${from}: ${problems}`);
      }
      return right({ type: recorded.type, data: decoded.right } as Event);
    },
  };
}
