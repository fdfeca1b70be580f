import { parseActor } from "../authorization/actor.js";
import type { DeploymentState } from "../deployment/state.js";
import type { DomainEventType } from "../events.js";
import type { OrganizationState } from "../organization/state.js";
import type { RecordedEvent } from "../ports/event-store.js";
import { STREAM_REPLAYERS } from "../stream-replayers.js";
import { organizationStream, parseStreamName } from "../streams.js";
import { unauthorizedEvent } from "./event-authorization.js";
import { LedgerInvariants } from "./ledger-invariants.js";
import { streamKeyMismatch } from "./stream-keys.js";

/** What can be wrong with one event's meaning (its hash chain aside). */
export type ReplayFaultKind =
  "unknown-stream" | "undecodable" | "wrong-stream" | "bad-actor" | "unauthorized" | "time-backwards" | "invariant" | "evolve-failed";

export interface ReplayFault {
  readonly kind: ReplayFaultKind;
  readonly streamName: string;
  readonly version: number;
  readonly message: string;
}

/** One event's verdict: a fault, or accepted (possibly as a stale execution request; see `InvariantBreak`). */
export type ReplayVerdict = { readonly ok: true; readonly stale?: string } | { readonly ok: false; readonly fault: ReplayFault };

const ACCEPTED: ReplayVerdict = { ok: true };

/**
 * Folds a ledger in global order through the domain's deciders and judges each event before applying it: it decodes
 * with its stream's serde, belongs to its stream's key, names a valid actor who held the authority to write it in the
 * organization as it stood just then, does not run the stream's clock backwards, and keeps the cross-stream
 * invariants. A faulty event is not applied. Memory grows with the number of streams (each one's folded state).
 */
export class LedgerReplay {
  readonly states = new Map<string, unknown>();
  readonly invariants = new LedgerInvariants(this.states);
  private readonly lastOccurredAt = new Map<string, number>();
  position = 0;
  events = 0;

  apply(recorded: RecordedEvent): ReplayVerdict {
    const fault = (kind: ReplayFaultKind, message: string): ReplayVerdict => ({
      ok: false,
      fault: { kind, streamName: recorded.streamName, version: recorded.version, message },
    });
    const id = parseStreamName(recorded.streamName);
    if (id === undefined) return fault("unknown-stream", "the stream name is not one of the domain's");
    const replayer = STREAM_REPLAYERS[id.kind];
    const decoded = replayer.serde.decode(recorded);
    if (decoded._tag === "Left") return fault("undecodable", decoded.left);
    const event = decoded.right as { readonly type: DomainEventType; readonly data: Readonly<Record<string, unknown>> };
    const mismatch = streamKeyMismatch(id, event.data);
    if (mismatch !== undefined) return fault("wrong-stream", mismatch);
    const actor = parseActor(recorded.metadata.actor);
    if (actor._tag === "Left") return fault("bad-actor", `actor '${recorded.metadata.actor}' is neither github:<id> nor system:<name>`);
    const organization = this.states.get(organizationStream(String(event.data.organization))) as OrganizationState | undefined;
    const unauthorized = unauthorizedEvent(event.type, event.data, actor.right, organization);
    if (unauthorized !== undefined) return fault("unauthorized", `${event.type} by ${recorded.metadata.actor}: ${unauthorized}`);
    const occurredAt = Date.parse(recorded.metadata.occurredAt);
    if (Number.isNaN(occurredAt)) return fault("time-backwards", `occurredAt '${recorded.metadata.occurredAt}' is not a time`);
    const previous = this.lastOccurredAt.get(recorded.streamName);
    if (previous !== undefined && occurredAt < previous) {
      return fault(
        "time-backwards",
        `occurredAt ${recorded.metadata.occurredAt} is before the stream's previous event (${new Date(previous).toISOString()})`,
      );
    }
    const broken = this.invariants.check(event.type, recorded.streamName, event.data, occurredAt);
    if (broken !== undefined && !broken.stale) return fault("invariant", broken.message);
    try {
      const before = this.states.has(recorded.streamName) ? this.states.get(recorded.streamName) : replayer.initialState();
      const after = replayer.evolve(before, event);
      this.states.set(recorded.streamName, after);
      if (id.kind === "deployment") this.invariants.observe(recorded.streamName, after as DeploymentState, occurredAt);
    } catch (error) {
      return fault("evolve-failed", error instanceof Error ? error.message : String(error));
    }
    this.lastOccurredAt.set(recorded.streamName, occurredAt);
    this.position = recorded.globalPosition;
    this.events += 1;
    return broken === undefined ? ACCEPTED : { ok: true, stale: broken.message };
  }
}
