import { nobleSha256Hex, type Sha256Hasher } from "../integrity/hash-chain.js";

/** What a ledger's head commits to: its last position, how many events and streams, and a digest of every stream's tip. */
export interface LedgerHead {
  readonly position: number;
  readonly events: number;
  readonly streams: number;
  /** SHA-256 over every stream's name, last version and last hash (see `LedgerTips.digest`). */
  readonly tipsDigest: string;
}

/** Lines per digest chunk: the text hashed at once stays small however many streams the ledger has. */
const CHUNK_LINES = 4096;

/** Each stream's last version and hash, as a replay in global order leaves them. */
export class LedgerTips {
  private readonly tips = new Map<string, string>();

  get size(): number {
    return this.tips.size;
  }

  set(streamName: string, version: number, hash: string): void {
    this.tips.set(streamName, `${version} ${hash}`);
  }

  /**
   * The streams sorted by name, one line each (`name version hash`), hashed in chunks and the chunk hashes hashed
   * again: deleting a stream or its newest event, or re-hashing a tail, changes it; the order of appends does not.
   */
  digest(sha256Hex: Sha256Hasher = nobleSha256Hex): string {
    const names = [...this.tips.keys()].sort();
    const chunks: string[] = [];
    for (let start = 0; start < names.length; start += CHUNK_LINES) {
      const lines = names.slice(start, start + CHUNK_LINES).map((name) => `${name} ${this.tips.get(name)!}\n`);
      chunks.push(sha256Hex(lines.join("")));
    }
    return sha256Hex(`cloud-ledger tips ${names.length}\n${chunks.join("\n")}`);
  }
}
