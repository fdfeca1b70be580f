import type { RecordedEvent, Sha256Hasher } from "@cloud-ledger/domain";
import { createChainTips, createEventIdIndex, GENESIS_HASH, hashEvent, nobleSha256Hex } from "@cloud-ledger/domain";
import { NdjsonFormatError } from "./ndjson-format.js";

/**
 * The whole-log rules of an NDJSON file, checked one event at a time in file order: strictly increasing global
 * positions, versions 1, 2, 3… per stream, each event id used once and, when `verifyChain`, every stream's hash chain.
 * Keeps only each stream's last version and hash (compactly, off the heap: the domain's chain tips) and every event
 * id (compactly too: ~32 bytes per event, see event-id-index.ts). Two steps, so the import
 * can check a new stream against its target between them.
 */
export class LogOrderChecker {
  private readonly tips = createChainTips();
  private readonly ids = createEventIdIndex();
  private position = 0;

  constructor(
    private readonly verifyChain: boolean,
    private readonly sha256: Sha256Hasher = nobleSha256Hex,
  ) {}

  /** Streams seen so far. */
  get streams(): number {
    return this.tips.size;
  }

  /** True when no event of the stream was seen (nor seeded) yet. */
  isNewStream(streamName: string): boolean {
    return this.tips.version(streamName) === 0;
  }

  /** Starts a stream at a target's last version and hash, for a log that continues it. Call before its first event. */
  seed(streamName: string, version: number, hash: string): void {
    this.tips.set(streamName, version, hash);
  }

  /** Checks the event's position and version; returns true when it opens a stream not seen before. */
  checkOrder(event: RecordedEvent, line: number): boolean {
    if (event.globalPosition <= this.position)
      throw new NdjsonFormatError(line, `globalPosition ${event.globalPosition} does not follow ${this.position}`);
    const current = this.tips.version(event.streamName);
    const expected = current + 1;
    if (event.version !== expected) {
      throw new NdjsonFormatError(line, `stream '${event.streamName}' jumps to version ${event.version}; expected ${expected}`);
    }
    return current === 0;
  }

  /** Marks an id as taken by an event outside the file (a target store's, at `globalPosition`). */
  reserveId(eventId: string, globalPosition: number): void {
    this.ids.add(eventId, -globalPosition);
  }

  /**
   * Checks the event's id is new and its hash link (when enabled), and records it as its stream's newest event.
   * Call after checkOrder.
   */
  accept(event: RecordedEvent, line: number): void {
    const earlier = this.ids.add(event.eventId, line);
    if (earlier !== undefined) {
      const where = earlier < 0 ? `by the target store's event at global position ${-earlier}` : `on line ${earlier}`;
      throw new NdjsonFormatError(
        line,
        `event id '${event.eventId}' of stream '${event.streamName}' version ${event.version} was already used ${where}`,
      );
    }
    if (this.verifyChain && hashEvent(this.tips.hash(event.streamName) ?? GENESIS_HASH, event, this.sha256) !== event.hash) {
      throw new NdjsonFormatError(line, `the hash of stream '${event.streamName}' version ${event.version} does not match its chain`);
    }
    // The hash is 64 lowercase hex characters: parseEventLine checked it with the port's rules.
    this.tips.set(event.streamName, event.version, event.hash);
    this.position = event.globalPosition;
  }
}
