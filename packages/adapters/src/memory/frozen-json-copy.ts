import type { JsonValue } from "@cloud-ledger/domain";

/**
 * A private, deeply frozen copy of a value the append guard has already accepted as portable JSON (plain objects and
 * arrays, finite numbers, strings, booleans, null). Gives what `JSON.parse(JSON.stringify(value))` plus a deep freeze
 * gave — -0 becomes 0, null-prototype objects become ordinary ones, key order is kept — in one pass, without the
 * intermediate string. Not a general-purpose copier: unguarded input (undefined, functions, NaN) is not handled.
 */
export function frozenJsonCopy<T extends JsonValue | object>(value: T): T;
export function frozenJsonCopy(value: JsonValue): JsonValue {
  if (typeof value !== "object" || value === null) return value === 0 ? 0 : value;
  if (Array.isArray(value)) {
    const source: readonly JsonValue[] = value;
    const copy: JsonValue[] = new Array<JsonValue>(source.length);
    for (let index = 0; index < source.length; index += 1) copy[index] = frozenJsonCopy(source[index] as JsonValue);
    return Object.freeze(copy);
  }
  const source = value as { readonly [key: string]: JsonValue };
  const copy: Record<string, JsonValue> = {};
  for (const key of Object.keys(source)) {
    const child = frozenJsonCopy(source[key] as JsonValue);
    // Plain assignment of "__proto__" would set the prototype; JSON.parse makes it an own property, and so must we.
    if (key === "__proto__") Object.defineProperty(copy, key, { value: child, enumerable: true, writable: true, configurable: true });
    else copy[key] = child;
  }
  return Object.freeze(copy);
}
