/** Where secret values go. Values never enter an event; the control plane only records that a name was set. */
export interface SecretRef {
  readonly organization: string;
  readonly projectKey: string;
  readonly name: string;
}

/**
 * The recorded event a vault write belongs to: the SecretSet or SecretDeleted event's id and its version in the
 * project stream. Versions order the writes of one name; the event id tells a repeated command from a new one.
 */
export interface SecretWrite {
  readonly eventId: string;
  readonly version: number;
}

/**
 * The control plane calls the vault only after the event is appended, so a refused or failed append never reaches the
 * vault, and calls it again when the command id is repeated, so a write that a crash cut short between the append and
 * the vault is completed by the retry. A vault must therefore make both calls conditional:
 * - ignore a write whose event id it already holds for the ref (a repeated command never changes the value), and
 * - ignore a write whose version is lower than the one it holds for the ref, deletions included (a slower writer
 *   never overwrites a newer value, nor revives a deleted one).
 */
export interface SecretVault {
  /** Stores (or overwrites) the value as of `at`, unless the vault holds `at.eventId` or a later version for the ref. */
  put(ref: SecretRef, value: string, at: SecretWrite): Promise<void>;
  /** Forgets the value as of `at`, with the same conditions; it keeps `at.version` so older writes stay ignored. */
  delete(ref: SecretRef, at: SecretWrite): Promise<void>;
}
