/** Where secret values go. Values never enter an event; the control plane only records that a name was set. */
export interface SecretRef {
  readonly organization: string;
  readonly projectKey: string;
  readonly name: string;
}

export interface SecretVault {
  /** Stores (or overwrites) a value. Called before the SecretSet event is appended. */
  put(ref: SecretRef, value: string): Promise<void>;
  /** Forgets a value. Called after the SecretDeleted event is appended. */
  delete(ref: SecretRef): Promise<void>;
}
