/**
 * A persistent set of strings that only grows: adding returns a new set and leaves the old one intact, so a decider
 * state holding it can be folded further, or dropped after a lost append race, without copying every member on each
 * event. Members sit in immutable levels whose sizes are distinct powers of two (like a binary counter): adding one
 * merges equal-sized levels, so each member is copied O(log n) times over the set's life and a lookup checks at most
 * log2(n) + 1 levels.
 */
export class GrowOnlySet {
  static readonly empty = new GrowOnlySet([]);

  private constructor(private readonly levels: readonly ReadonlySet<string>[]) {}

  get size(): number {
    return this.levels.reduce((sum, level) => sum + level.size, 0);
  }

  has(member: string): boolean {
    return this.levels.some((level) => level.has(member));
  }

  add(member: string): GrowOnlySet {
    if (this.has(member)) return this;
    const levels = [...this.levels];
    let carry: ReadonlySet<string> = new Set([member]);
    while (levels.length > 0 && levels[levels.length - 1]!.size === carry.size) {
      carry = new Set([...levels.pop()!, ...carry]);
    }
    levels.push(carry);
    return new GrowOnlySet(levels);
  }

  /** Members in no particular order (for display and JSON). */
  toArray(): string[] {
    return this.levels.flatMap((level) => [...level]);
  }

  /** Renders as its members, so state comparisons in specs and snapshots see content, not levels. */
  toJSON(): string[] {
    return this.toArray().sort();
  }
}
