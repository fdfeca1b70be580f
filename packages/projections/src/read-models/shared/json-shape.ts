import type { JsonValue } from "@cloud-ledger/domain";

/**
 * Checks the outline of a stored read-model state before `fromJson` trusts it. A mismatch throws, and the runner
 * then discards the checkpoint and rebuilds — a malformed checkpoint is never served.
 */
export function jsonObject(json: JsonValue, what: string): { readonly [key: string]: JsonValue } {
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw new TypeError(`${what}: expected an object`);
  return json as { readonly [key: string]: JsonValue };
}

export function jsonArray(json: JsonValue | undefined, what: string): readonly JsonValue[] {
  if (!Array.isArray(json)) throw new TypeError(`${what}: expected an array`);
  return json as readonly JsonValue[];
}

/** A JSON entries array ([key, value] pairs) cast to its element type after checking it is an array. */
export function jsonEntries<J>(json: JsonValue | undefined, what: string): readonly (readonly [string, J])[] {
  return jsonArray(json, what) as unknown as readonly (readonly [string, J])[];
}
