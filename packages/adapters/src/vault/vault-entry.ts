import type { SecretRef, SecretWrite } from "@cloud-ledger/domain";

/** A value sealed with AES-256-GCM: base64 of the 12-byte IV, the ciphertext and the 16-byte tag. */
export interface SealedValue {
  readonly iv: string;
  readonly data: string;
  readonly tag: string;
}

/**
 * One secret's latest write in a vault: the value (sealed), or its deletion, as of the event that recorded it. The
 * scope names the ledger the events belong to, so two ledgers sharing one vault file never order each other's writes.
 */
export interface VaultEntry<Value> extends SecretRef, SecretWrite {
  readonly scope: string;
  /** Undefined once deleted: the entry stays, so that older writes of the name remain ignored. */
  readonly value: Value | undefined;
}

export function entryKey(scope: string, ref: SecretRef): string {
  return JSON.stringify([scope, ref.organization, ref.projectKey, ref.name]);
}

/**
 * The SecretVault contract's one rule: a write lands unless the vault holds this event's write already (a repeated
 * command) or a later one of the same name (a slower writer, or a revived deletion).
 */
export function writeApplies(current: SecretWrite | undefined, at: SecretWrite): boolean {
  if (current === undefined) return true;
  if (current.eventId === at.eventId) return false;
  return at.version > current.version;
}
