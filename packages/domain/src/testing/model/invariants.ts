import type { LedgerReplay } from "../../audit/ledger-replay.js";
import type { RecordedEvent } from "../../ports/event-store.js";

/**
 * Checks each new event with the library's LedgerReplay (the audit's checks: decoding, authorization, time order and
 * the cross-stream invariants) and applies it. One writer at a time cannot decide on a stale deployment, so a stale
 * execution request is a failure here too. Throws naming the first event that breaks a rule.
 */
export function applyCheckingInvariants(replay: LedgerReplay, events: readonly RecordedEvent[]): void {
  for (const recorded of events) {
    const where = `${recorded.streamName}@${recorded.version} ${recorded.type}`;
    const verdict = replay.apply(recorded);
    if (!verdict.ok) throw new Error(`${where}: ${verdict.fault.kind}: ${verdict.fault.message}`);
    if (verdict.stale !== undefined) throw new Error(`${where}: ${verdict.stale}`);
  }
}
