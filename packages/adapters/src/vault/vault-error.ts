/** What went wrong with a vault, as a stable code a caller can branch on (and the CLI prints in JSON errors). */
export type VaultErrorCode =
  /** The operator key is malformed (not 32 bytes in hex or base64) or its file is readable by others. */
  | "vault-key-invalid"
  /** The key does not open this vault file: another key wrote it (or its key check was edited). */
  | "vault-wrong-key"
  /** The file opened with the right key but its contents were changed: a value, a name, a version, an entry. */
  | "vault-tampered"
  /** The file is not a vault file this version reads (truncated, not JSON, unknown format version). */
  | "vault-format"
  /** Another process held the vault's lock for longer than the timeout. */
  | "vault-locked";

/** Every vault failure. The message names what was wrong and where, never a secret value nor the key. */
export class VaultError extends Error {
  override readonly name = "VaultError";
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
  }
}
