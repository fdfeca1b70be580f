/** The only source of randomness the domain sees. */
export interface IdGenerator {
  /** A 26-character Crockford base32 ULID (internal organization and project ids, event ids, command ids). */
  ulid(): string;
  /** 32 lowercase hex characters (execution ids, as Meltano Cloud shows them). */
  executionId(): string;
}
