import { VaultError } from "./vault-error.js";
import { entryKey, type SealedValue, type VaultEntry } from "./vault-entry.js";

export const VAULT_FORMAT = "cloud-ledger-vault";
export const VAULT_FORMAT_VERSION = 1;

/** A vault file's contents: entries in key order, the key check and a MAC over the rest (see `bodyText`). */
export interface VaultDocument {
  readonly keyCheck: string;
  readonly entries: readonly VaultEntry<SealedValue>[];
  readonly mac: string;
}

/** The text the MAC covers: the document without its MAC, fields in a fixed order, entries sorted by key. */
export function bodyText(keyCheck: string, entries: readonly VaultEntry<SealedValue>[]): string {
  const sorted = [...entries].sort((a, b) => compare(entryKey(a.scope, a), entryKey(b.scope, b)));
  return JSON.stringify({ format: VAULT_FORMAT, formatVersion: VAULT_FORMAT_VERSION, keyCheck, entries: sorted.map(canonicalEntry) });
}

export function documentText(keyCheck: string, entries: readonly VaultEntry<SealedValue>[], mac: string): string {
  const body = bodyText(keyCheck, entries);
  return `${body.slice(0, -1)},"mac":${JSON.stringify(mac)}}\n`;
}

/** The binding authenticated with an entry's value: it cannot be moved to another name, project, ledger or version. */
export function bindingOf(entry: Omit<VaultEntry<unknown>, "value">): string {
  return JSON.stringify([entry.scope, entry.organization, entry.projectKey, entry.name, entry.version, entry.eventId]);
}

export function parseVaultDocument(text: string, file: string): VaultDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new VaultError("vault-format", `The vault file ${file} is not JSON (truncated or overwritten?).`);
  }
  const bad = (what: string) => new VaultError("vault-format", `The vault file ${file} is not a cloud-ledger vault: ${what}.`);
  if (!isRecord(parsed) || parsed.format !== VAULT_FORMAT) throw bad(`"format" is not "${VAULT_FORMAT}"`);
  if (parsed.formatVersion !== VAULT_FORMAT_VERSION) {
    throw bad(`format version ${JSON.stringify(parsed.formatVersion)} is not ${VAULT_FORMAT_VERSION}`);
  }
  if (typeof parsed.keyCheck !== "string") throw bad(`"keyCheck" is not a string`);
  if (typeof parsed.mac !== "string") throw bad(`"mac" is not a string`);
  if (!Array.isArray(parsed.entries)) throw bad(`"entries" is not a list`);
  const entries = parsed.entries.map((raw: unknown, index) => {
    const entry = parseEntry(raw);
    if (entry === undefined) throw bad(`entry ${index + 1} is malformed`);
    return entry;
  });
  return { keyCheck: parsed.keyCheck, entries, mac: parsed.mac };
}

function parseEntry(raw: unknown): VaultEntry<SealedValue> | undefined {
  if (!isRecord(raw)) return undefined;
  const { scope, organization, projectKey, name, version, eventId, value } = raw;
  if (![scope, organization, projectKey, name, eventId].every((field) => typeof field === "string")) return undefined;
  if (typeof version !== "number" || !Number.isSafeInteger(version) || version < 1) return undefined;
  let sealed: SealedValue | undefined;
  if (value !== null) {
    if (!isRecord(value) || ![value.iv, value.data, value.tag].every((field) => typeof field === "string")) return undefined;
    sealed = { iv: value.iv as string, data: value.data as string, tag: value.tag as string };
  }
  return { scope, organization, projectKey, name, version, eventId, value: sealed } as VaultEntry<SealedValue>;
}

function canonicalEntry(entry: VaultEntry<SealedValue>): unknown {
  const { scope, organization, projectKey, name, version, eventId, value } = entry;
  const sealed = value === undefined ? null : { iv: value.iv, data: value.data, tag: value.tag };
  return { scope, organization, projectKey, name, version, eventId, value: sealed };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
