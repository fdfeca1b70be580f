import type { AppendResult, NewEvent, StreamAppend } from "@cloud-ledger/domain";
import { checkExpectedVersion, WrongExpectedVersionError } from "@cloud-ledger/domain";

/**
 * One unit of a batch: a single append (one part) or a multi-stream append (several), which lands whole or not at all.
 * A store's group commit writes many units in one transaction; each keeps its own outcome.
 */
export type AppendUnit = readonly StreamAppend[];

/** A part the plan accepted: its events go into `streamName` from version `current + 1` on. */
export interface PlannedPart {
  readonly streamName: string;
  /** The stream's version before this part (0 = no stream). */
  readonly current: number;
  readonly events: readonly NewEvent[];
}

export type PlannedUnit =
  { readonly ok: true; readonly parts: readonly PlannedPart[] } | { readonly ok: false; readonly error: WrongExpectedVersionError };

/**
 * Decides a batch of units as if they were appended one after another, in order, on streams whose versions
 * `versionOf` gives (read under the transaction's locks): each part is checked against the stream as the accepted
 * parts before it left it; a unit with a failing part is refused whole and changes nothing for the units after it.
 */
export function planAppends(units: readonly AppendUnit[], versionOf: (streamName: string) => number): PlannedUnit[] {
  const versions = new Map<string, number>();
  const current = (streamName: string): number => versions.get(streamName) ?? versionOf(streamName);
  return units.map((unit): PlannedUnit => {
    const tentative = new Map<string, number>();
    const parts: PlannedPart[] = [];
    for (const part of unit) {
      const before = tentative.get(part.streamName) ?? current(part.streamName);
      try {
        checkExpectedVersion(part.streamName, part.expectedVersion, before);
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) return { ok: false, error };
        throw error;
      }
      parts.push({ streamName: part.streamName, current: before, events: part.events });
      tentative.set(part.streamName, before + part.events.length);
    }
    for (const [streamName, version] of tentative) versions.set(streamName, version);
    return { ok: true, parts };
  });
}

/** The distinct streams of a batch, sorted: the order a server store locks them in, so two batches cannot deadlock. */
export function streamsOf(units: readonly AppendUnit[]): string[] {
  const names = new Set<string>();
  for (const unit of units) for (const part of unit) names.add(part.streamName);
  return [...names].sort();
}

/** A part's result, given the global position its first event got (ignored for an empty part). */
export function partResult(part: PlannedPart, firstPosition: number): AppendResult {
  const count = part.events.length;
  if (count === 0) return { nextExpectedVersion: part.current };
  return { nextExpectedVersion: part.current + count, positions: { first: firstPosition, last: firstPosition + count - 1 } };
}
