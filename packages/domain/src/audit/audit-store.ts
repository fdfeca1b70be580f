import type { EventStore } from "../ports/event-store.js";
import { nobleSha256Hex, type Sha256Hasher } from "../integrity/hash-chain.js";
import { verifyStore, type StoreFault } from "../integrity/verify-store.js";
import { LedgerTips, type LedgerHead } from "./ledger-head.js";
import { LedgerReplay, type ReplayFaultKind } from "./ledger-replay.js";
import type { SealStatement } from "./seal-statement.js";

/** The first thing wrong with a ledger: at an event (stream and version), or with its head against a seal. */
export type AuditFault =
  | { readonly kind: StoreFault["kind"] | ReplayFaultKind; readonly streamName: string; readonly version: number; readonly message: string }
  | { readonly kind: "seal-mismatch"; readonly position: number; readonly message: string };

export type AuditResult =
  | {
      readonly ok: true;
      /** The head as it is now: what `audit seal` signs. */
      readonly head: LedgerHead;
      /** Execution requests appended just after their deployment changed (concurrent writers); each matched an earlier state. */
      readonly staleExecutionRequests: number;
    }
  | { readonly ok: false; readonly fault: AuditFault; readonly events: number };

export interface AuditProgress {
  readonly phase: "chains" | "replay";
  readonly events: number;
}

export interface AuditOptions {
  /** The SHA-256 implementation (default: the portable JavaScript one); e.g. `nodeSha256Hex` from `@cloud-ledger/adapters/crypto`. */
  readonly sha256?: Sha256Hasher;
  /** Events per readAll page; default 1000. */
  readonly pageSize?: number;
  readonly onProgress?: (progress: AuditProgress) => void;
  /** A head sealed earlier (its signature already checked): the ledger up to its position must be exactly what was sealed. */
  readonly seal?: SealStatement;
}

export function describeStoreFault(fault: StoreFault): string {
  switch (fault.kind) {
    case "hash-mismatch":
      return "hash-mismatch: the event is not the one its hash chain vouches for (edited, forged or re-linked)";
    case "version-gap":
      return `version-gap: version ${fault.version} is missing or out of place (found version ${fault.found})`;
    case "position-order":
      return `position-order: global position ${fault.globalPosition} does not follow ${fault.previousPosition}`;
    case "corrupt":
      return `corrupt: ${fault.reason}`;
    case "duplicate-event-id":
      return (
        `duplicate-event-id: event id '${fault.eventId}' at global position ${fault.globalPosition} was already used at ` +
        `position ${fault.firstPosition}`
      );
  }
}

function sealMismatch(seal: SealStatement, head: LedgerHead): AuditFault | undefined {
  const differs = (["position", "events", "streams", "tipsDigest"] as const).filter((field) => head[field] !== seal[field]);
  if (differs.length === 0) return undefined;
  const found = differs.map((field) => `${field} ${String(head[field])} (sealed ${String(seal[field])})`).join(", ");
  return {
    kind: "seal-mismatch",
    position: seal.position,
    message: `seal-mismatch: the ledger up to position ${seal.position} is not what was sealed at ${seal.sealedAt}: ${found}`,
  };
}

/**
 * The whole audit of a ledger, for any embedder: every hash chain (verifyStore), then every event decoded, replayed
 * through its decider, authorized against the organization as it stood, in time order within its stream and within
 * the cross-stream invariants (LedgerReplay), and, given a seal, the head at the sealed position compared with it.
 * Returns the first fault, or the head.
 */
export async function auditStore(store: Pick<EventStore, "readAll">, options: AuditOptions = {}): Promise<AuditResult> {
  const pageSize = options.pageSize ?? 1000;
  const sha256 = options.sha256 ?? nobleSha256Hex;
  const chains = await verifyStore(store, {
    sha256,
    pageSize,
    ...(options.onProgress === undefined
      ? {}
      : { onProgress: (progress) => options.onProgress?.({ phase: "chains", events: progress.events }) }),
  });
  if (!chains.ok) return { ok: false, fault: { ...chains.fault, message: describeStoreFault(chains.fault) }, events: chains.events };

  const replay = new LedgerReplay();
  const tips = new LedgerTips();
  const head = (): LedgerHead => ({
    position: replay.position,
    events: replay.events,
    streams: tips.size,
    tipsDigest: tips.digest(sha256),
  });
  const seal = options.seal;
  let sealChecked = seal === undefined;
  let stale = 0;
  for (;;) {
    const page = await store.readAll({ after: replay.position, limit: pageSize });
    if (page.length === 0) break;
    for (const recorded of page) {
      if (!sealChecked && seal !== undefined && recorded.globalPosition > seal.position) {
        sealChecked = true;
        const mismatch = sealMismatch(seal, head());
        if (mismatch !== undefined) return { ok: false, fault: mismatch, events: replay.events };
      }
      const verdict = replay.apply(recorded);
      if (!verdict.ok) return { ok: false, fault: verdict.fault, events: replay.events };
      if (verdict.stale !== undefined) stale += 1;
      tips.set(recorded.streamName, recorded.version, recorded.hash);
    }
    options.onProgress?.({ phase: "replay", events: replay.events });
  }
  const now = head();
  if (!sealChecked && seal !== undefined) {
    const mismatch = sealMismatch(seal, now);
    if (mismatch !== undefined) return { ok: false, fault: mismatch, events: replay.events };
  }
  return { ok: true, head: now, staleExecutionRequests: stale };
}
