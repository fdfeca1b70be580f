import type { RecordedEvent } from "@cloud-ledger/domain";
import { GENESIS_HASH, hashEvent } from "@cloud-ledger/domain";
import { NdjsonFormatError } from "./ndjson-format.js";

/**
 * The whole-log rules of an NDJSON file, checked one event at a time in file order: strictly increasing global
 * positions, versions 1, 2, 3… per stream and, when `verifyChain`, every stream's hash chain. Keeps only each
 * stream's last version and hash, so memory grows with the number of streams, not events. Two steps, so the import
 * can check a new stream against its target between them.
 */
export class LogOrderChecker {
  private readonly tips = new Map<string, { version: number; hash: string }>();
  private position = 0;

  constructor(private readonly verifyChain: boolean) {}

  /** Streams seen so far. */
  get streams(): number {
    return this.tips.size;
  }

  /** Checks the event's position and version; returns true when it opens a stream not seen before. */
  checkOrder(event: RecordedEvent, line: number): boolean {
    if (event.globalPosition <= this.position) throw new NdjsonFormatError(line, `globalPosition ${event.globalPosition} does not follow ${this.position}`);
    const tip = this.tips.get(event.streamName);
    const expected = (tip?.version ?? 0) + 1;
    if (event.version !== expected) {
      throw new NdjsonFormatError(line, `stream '${event.streamName}' jumps to version ${event.version}; expected ${expected}`);
    }
    return tip === undefined;
  }

  /** Checks the event's hash link (when enabled) and records it as its stream's newest event. Call after checkOrder. */
  accept(event: RecordedEvent, line: number): void {
    const tip = this.tips.get(event.streamName);
    if (this.verifyChain && hashEvent(tip?.hash ?? GENESIS_HASH, event) !== event.hash) {
      throw new NdjsonFormatError(line, `the hash of stream '${event.streamName}' version ${event.version} does not match its chain`);
    }
    if (tip === undefined) this.tips.set(event.streamName, { version: event.version, hash: event.hash });
    else {
      tip.version = event.version;
      tip.hash = event.hash;
    }
    this.position = event.globalPosition;
  }
}
