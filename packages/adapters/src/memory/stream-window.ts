import type { ReadStreamOptions, RecordedEvent } from "@cloud-ledger/domain";

/**
 * Applies the port's read bounds to one stream held in version order (index = version - 1): `fromVersion` and
 * `toVersion` are inclusive; forwards runs up from `fromVersion` (default 1), backwards runs down from
 * `fromVersion` (default the last) to `toVersion` (default 1); `limit` caps the count.
 */
export function selectStreamWindow(stream: readonly RecordedEvent[], options?: ReadStreamOptions): RecordedEvent[] {
  const last = stream.length;
  const limit = options?.limit ?? Number.POSITIVE_INFINITY;
  if (options?.direction === "backwards") {
    const high = Math.min(options.fromVersion ?? last, last);
    const low = Math.max(options.toVersion ?? 1, 1);
    const out: RecordedEvent[] = [];
    for (let version = high; version >= low && out.length < limit; version -= 1) {
      const event = stream[version - 1];
      if (event !== undefined) out.push(event);
    }
    return out;
  }
  const low = Math.max(options?.fromVersion ?? 1, 1);
  const high = Math.min(options?.toVersion ?? last, last, low - 1 + limit);
  return high < low ? [] : stream.slice(low - 1, high);
}
