/** Gets the inner map for `key`, creating it on first use. */
export function childMap<K, V>(outer: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let inner = outer.get(key);
  if (inner === undefined) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/** Map -> JSON entries in insertion order (which is deterministic: it follows the log). */
export function entriesToJson<V, J>(map: ReadonlyMap<string, V>, value: (v: V) => J): [string, J][] {
  const out: [string, J][] = [];
  for (const [k, v] of map) out.push([k, value(v)]);
  return out;
}

/** JSON entries -> Map. */
export function entriesFromJson<J, V>(entries: readonly (readonly [string, J])[], value: (j: J) => V): Map<string, V> {
  const map = new Map<string, V>();
  for (const [k, j] of entries) map.set(k, value(j));
  return map;
}
