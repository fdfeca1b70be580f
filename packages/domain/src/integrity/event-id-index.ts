/**
 * Every event id seen in a walk over a whole log, with where it was seen (a global position or a line number), to
 * refuse an id used twice. Exact, with no false positives, and compact: a ULID (the ids the command handler mints) is
 * kept as its 128 bits in typed arrays, off the JavaScript heap (~32 bytes per event at the worst load factor), so
 * the garbage collector's work per event stays flat; any other id is kept as a string in a Map.
 */
export interface EventIdIndex {
  readonly size: number;
  /** Records `eventId` as seen at `where` (any number but 0), or returns where it was seen before (and keeps that). */
  add(eventId: string, where: number): number | undefined;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < CROCKFORD.length; i += 1) DIGIT[CROCKFORD.charCodeAt(i)] = i;
const ULID_LENGTH = 26;

/** The id's 128 bits as four 32-bit words into `out`, or false when it is not an upper-case canonical ULID. */
function ulidWords(id: string, out: Uint32Array): boolean {
  if (id.length !== ULID_LENGTH) return false;
  // 26 digits of 5 bits are 130 bits: a canonical ULID's first digit is at most 7, so the top two bits are zero.
  let hi = 0; // bits not yet flushed, as a number below 2^37
  let bits = 0;
  let word = 0;
  for (let i = 0; i < ULID_LENGTH; i += 1) {
    const code = id.charCodeAt(i);
    const digit = code < 128 ? DIGIT[code]! : -1;
    if (digit < 0 || (i === 0 && digit > 7)) return false;
    hi = hi * 32 + digit;
    bits += i === 0 ? 3 : 5;
    if (bits >= 32) {
      bits -= 32;
      const divisor = 2 ** bits;
      out[word] = Math.floor(hi / divisor) >>> 0;
      hi %= divisor;
      word += 1;
    }
  }
  return word === 4 && bits === 0;
}

function mix(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ b ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ c ^ (h >>> 16), 0x27d4eb2f);
  h = Math.imul(h ^ d ^ (h >>> 15), 0x165667b1);
  return (h ^ (h >>> 16)) >>> 0;
}

export function createEventIdIndex(initialSlots = 1024): EventIdIndex {
  const others = new Map<string, number>();
  let capacity = 1;
  while (capacity < initialSlots) capacity *= 2;
  let keys = new Uint32Array(capacity * 4);
  let wheres = new Float64Array(capacity); // 0 = empty slot
  let used = 0;
  const words = new Uint32Array(4);

  /** The slot holding the words, or the empty slot where they belong. */
  const slotOf = (a: number, b: number, c: number, d: number): number => {
    const mask = capacity - 1;
    for (let slot = mix(a, b, c, d) & mask; ; slot = (slot + 1) & mask) {
      if (wheres[slot] === 0) return slot;
      const k = slot * 4;
      if (keys[k] === a && keys[k + 1] === b && keys[k + 2] === c && keys[k + 3] === d) return slot;
    }
  };

  const grow = (): void => {
    const oldKeys = keys;
    const oldWheres = wheres;
    capacity *= 2;
    keys = new Uint32Array(capacity * 4);
    wheres = new Float64Array(capacity);
    for (let slot = 0; slot < oldWheres.length; slot += 1) {
      if (oldWheres[slot] === 0) continue;
      const k = slot * 4;
      const target = slotOf(oldKeys[k]!, oldKeys[k + 1]!, oldKeys[k + 2]!, oldKeys[k + 3]!);
      keys.set(oldKeys.subarray(k, k + 4), target * 4);
      wheres[target] = oldWheres[slot]!;
    }
  };

  return {
    get size() {
      return used + others.size;
    },
    add(eventId, where) {
      if (where === 0 || Number.isNaN(where)) throw new RangeError("an event id's place must be a number other than 0");
      if (!ulidWords(eventId, words)) {
        const earlier = others.get(eventId);
        if (earlier !== undefined) return earlier;
        others.set(eventId, where);
        return undefined;
      }
      const [a, b, c, d] = [words[0]!, words[1]!, words[2]!, words[3]!];
      const slot = slotOf(a, b, c, d);
      if (wheres[slot] !== 0) return wheres[slot];
      keys[slot * 4] = a;
      keys[slot * 4 + 1] = b;
      keys[slot * 4 + 2] = c;
      keys[slot * 4 + 3] = d;
      wheres[slot] = where;
      used += 1;
      // Grow at 3/4 full so a probe stays short.
      if (used * 4 >= capacity * 3) grow();
      return undefined;
    },
  };
}
