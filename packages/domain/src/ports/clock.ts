/** The only source of time the domain sees. */
export interface Clock {
  /** Now, as an ISO-8601 UTC string. */
  now(): string;
}
