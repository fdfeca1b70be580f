/**
 * RFC 8785 (JCS) canonical JSON, byte for byte what the `canonicalize` package produces (the property tests hold it to
 * that), written as plain loops: hashing a new event canonicalizes it, and the library's reduce-and-template-string
 * recursion was the largest single cost of a command on the in-memory store.
 *
 * Strings and numbers go through JSON.stringify, which is JCS's serialization for both (ECMAScript number formatting,
 * minimal escapes). Object keys are sorted by UTF-16 code units (the default sort). Like the library, members whose
 * value is undefined or a symbol are left out and such array items become null, `toJSON` is honoured, and NaN and the
 * infinities throw. (Values outside JSON, such as functions, are not canonicalizable by either; callers pass JsonValue.)
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(Number.isNaN(value) ? "NaN is not allowed" : "Infinity is not allowed");
      // String() is JSON.stringify's (and JCS's) number format for every finite number, -0 included.
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      if (value === null) return "null";
      if (typeof (value as { toJSON?: unknown }).toJSON === "function") return canonicalJson((value as { toJSON: () => unknown }).toJSON());
      return Array.isArray(value) ? arrayJson(value) : objectJson(value as Record<string, unknown>);
    default:
      // undefined, functions, symbols and bigints: what JSON.stringify makes of them (undefined, or a TypeError).
      return JSON.stringify(value);
  }
}

/** What JSON.stringify must escape: quote, backslash, control characters, and surrogates (lone ones become \u escapes). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: JSON escapes them.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without its call for the common string that needs no escape (ids, names, times). */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

function skipped(value: unknown): boolean {
  return value === undefined || typeof value === "symbol";
}

function arrayJson(items: readonly unknown[]): string {
  let out = "[";
  for (let index = 0; index < items.length; index += 1) {
    if (index > 0) out += ",";
    const item = items[index];
    out += skipped(item) ? "null" : canonicalJson(item);
  }
  return `${out}]`;
}

/** Sorts in place by UTF-16 code units, as the default sort does; insertion sort beats it on an event's few keys. */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i += 1) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j -= 1;
    }
    keys[j + 1] = key;
  }
  return keys;
}

function objectJson(record: Record<string, unknown>): string {
  const keys = sortKeys(Object.keys(record));
  let out = "{";
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (skipped(member)) continue;
    if (!first) out += ",";
    first = false;
    out += `${quote(key)}:${canonicalJson(member)}`;
  }
  return `${out}}`;
}
