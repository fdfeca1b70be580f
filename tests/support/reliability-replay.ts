/**
 * Replays a whole log for the reliability suites (crash, concurrency) through the library's LedgerReplay, the same
 * checks `auditStore` makes: every event decodes, is authorized, keeps its stream's time order and the cross-stream
 * invariants. Faults and stale execution requests are collected with the stream and version of their event:
 * - `violations`: events the audit would refuse;
 * - `staleDecisions`: execution requests decided on a deployment state that was current when read but was replaced
 *   (deleted, redeployed without the schedule, schedule disabled) before the request was appended. The execution and
 *   deployment streams are separate consistency boundaries, so concurrent writers can produce these.
 */
import { LedgerReplay, settledLedgerProblems, type DeploymentState, type RecordedEvent } from "@cloud-ledger/domain";

export class LogReplay {
  private readonly replay = new LedgerReplay();
  readonly violations: string[] = [];
  readonly staleDecisions: string[] = [];

  get states(): ReadonlyMap<string, unknown> {
    return this.replay.states;
  }

  /** Position of the last event read (applied or refused). */
  position = 0;

  get events(): number {
    return this.replay.events;
  }

  /** Applies events in global order; throws if one does not decode, records the rules broken. */
  apply(events: readonly RecordedEvent[]): void {
    for (const recorded of events) {
      const where = `${recorded.streamName}@${recorded.version} (${recorded.type}, position ${recorded.globalPosition})`;
      const verdict = this.replay.apply(recorded);
      this.position = recorded.globalPosition;
      if (!verdict.ok) {
        if (verdict.fault.kind === "undecodable" || verdict.fault.kind === "unknown-stream")
          throw new Error(`${where}: ${verdict.fault.message}`);
        this.violations.push(`${where}: ${verdict.fault.kind}: ${verdict.fault.message}`);
      } else if (verdict.stale !== undefined) this.staleDecisions.push(`${where}: ${verdict.stale}`);
    }
  }

  deployment(projectKey: unknown, deployment: unknown): DeploymentState {
    return this.replay.invariants.deployment(projectKey, deployment);
  }

  /** Rules on the final state, which hold once every command has finished (see settledLedgerProblems). */
  settledProblems(): string[] {
    return settledLedgerProblems(this.replay.states);
  }
}
