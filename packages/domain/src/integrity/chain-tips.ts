/**
 * Each stream's last verified version and hash, for a walk over a whole log. A log has about as many streams as it
 * has executions (a million at three million events), so a tip is kept off the JavaScript heap: a map from stream
 * name to a slot number, and the slots' versions and 32-byte hashes in typed arrays. That leaves one heap object per
 * stream (its name), so the garbage collector's work per event stays flat as the log grows.
 */
export interface ChainTips {
  readonly size: number;
  /** The stream's last version, or 0 for a stream not seen yet. */
  version(streamName: string): number;
  /** The stream's last hash as lowercase hex, or undefined for a stream not seen yet. */
  hash(streamName: string): string | undefined;
  /** Records a stream's new last event; `hash` must be 64 lowercase hex characters. */
  set(streamName: string, version: number, hash: string): void;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
const HASH_BYTES = 32;

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

export function createChainTips(initialSlots = 1024): ChainTips {
  const slots = new Map<string, number>();
  let versions = new Float64Array(initialSlots);
  let hashes = new Uint8Array(initialSlots * HASH_BYTES);

  const grow = (): void => {
    const nextVersions = new Float64Array(versions.length * 2);
    nextVersions.set(versions);
    versions = nextVersions;
    const nextHashes = new Uint8Array(hashes.length * 2);
    nextHashes.set(hashes);
    hashes = nextHashes;
  };

  return {
    get size() {
      return slots.size;
    },
    version(streamName) {
      const slot = slots.get(streamName);
      return slot === undefined ? 0 : versions[slot]!;
    },
    hash(streamName) {
      const slot = slots.get(streamName);
      if (slot === undefined) return undefined;
      let hex = "";
      for (let offset = slot * HASH_BYTES, end = offset + HASH_BYTES; offset < end; offset += 1) hex += HEX[hashes[offset]!]!;
      return hex;
    },
    set(streamName, version, hash) {
      if (hash.length !== HASH_BYTES * 2) throw new RangeError(`a chain tip's hash must be ${HASH_BYTES * 2} hex characters`);
      let slot = slots.get(streamName);
      if (slot === undefined) {
        slot = slots.size;
        if (slot >= versions.length) grow();
        slots.set(streamName, slot);
      }
      versions[slot] = version;
      const base = slot * HASH_BYTES;
      for (let i = 0; i < HASH_BYTES; i += 1) {
        const high = nibble(hash.charCodeAt(2 * i));
        const low = nibble(hash.charCodeAt(2 * i + 1));
        if (high < 0 || low < 0) throw new RangeError("a chain tip's hash must be lowercase hex");
        hashes[base + i] = high * 16 + low;
      }
    },
  };
}
