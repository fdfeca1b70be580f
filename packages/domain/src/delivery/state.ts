import type { DeliveryChannel } from "./events.js";

export interface DeliveryRef {
  readonly idempotencyKey: string;
  readonly organization: string;
  readonly projectKey?: string;
  readonly executionId: string;
  readonly channel: DeliveryChannel;
}

/**
 * One delivery (one execution outcome to one recipient). `attempts` counts started attempts; `settledAttempts` the
 * highest attempt whose outcome is recorded, so an attempt a crash cut short shows as `attempts > settledAttempts`.
 */
export type DeliveryState =
  | { readonly status: "none" }
  | (DeliveryRef & {
      readonly status: "pending" | "delivered" | "given-up";
      readonly attempts: number;
      readonly settledAttempts: number;
      readonly lastError?: string;
    });

export type KnownDelivery = Exclude<DeliveryState, { readonly status: "none" }>;
