import { describe, expect, it } from "vitest";
import {
  DEFAULT_RETRY_POLICY,
  backoffDelayMs,
  deliveryDecider,
  parseStreamName,
  verdictAfter,
  verdictForStatus,
  type DeliveryCommand,
  type DeliveryEvent,
} from "@cloud-ledger/domain";
import { deciderSpec } from "@cloud-ledger/domain/testing";

const spec = deciderSpec(deliveryDecider);
const KEY = "a".repeat(64);
const ref = {
  idempotencyKey: KEY,
  organization: "01HZX3Y4Q5R6S7T8V9W0XYZ123",
  projectKey: "0123456789abcdef0123456789abcdef",
  executionId: "fedcba9876543210fedcba9876543210",
  channel: "webhook" as const,
};
const start = (attempt: number): DeliveryCommand => ({ type: "StartDeliveryAttempt", ...ref, attempt });
const outcome = (attempt: number, result: "delivered" | "failed" | "given-up", extra: object = {}): DeliveryCommand => ({
  type: "RecordDeliveryOutcome",
  ...ref,
  attempt,
  outcome: result,
  ...extra,
});
const started = (attempt: number): DeliveryEvent => ({ type: "DeliveryAttemptStarted", data: { ...ref, attempt } });
const failed = (attempt: number, error = "HTTP 503: busy", statusCode = 503): DeliveryEvent => ({
  type: "DeliveryAttemptFailed",
  data: { ...ref, attempt, error, statusCode },
});
const delivered = (attempt: number): DeliveryEvent => ({ type: "NotificationDelivered", data: { ...ref, attempt, statusCode: 200 } });

describe("delivery records (rule L12)", () => {
  it("rule L12: attempts start in order, and an attempt already recorded records nothing", () => {
    spec
      .given([])
      .when(start(1))
      .then([started(1)]);
    spec
      .given([started(1)])
      .when(start(1))
      .thenNothing();
    spec
      .given([started(1), failed(1)])
      .when(start(2))
      .then([started(2)]);
    expect(spec.given([]).when(start(2)).thenFails().code).toBe("delivery-attempt-out-of-order");
  });

  it("rule L12: an outcome is recorded once; a delivered delivery is never attempted again", () => {
    spec
      .given([started(1)])
      .when(outcome(1, "delivered", { statusCode: 200 }))
      .then([delivered(1)]);
    spec
      .given([started(1), delivered(1)])
      .when(outcome(1, "delivered", { statusCode: 200 }))
      .thenNothing();
    expect(
      spec
        .given([started(1), delivered(1)])
        .when(start(2))
        .thenFails().code,
    ).toBe("delivery-settled");
    expect(
      spec
        .given([started(1), delivered(1)])
        .when(outcome(1, "failed"))
        .thenFails().code,
    ).toBe("delivery-settled");
  });

  it("rule L12: a failure is recorded once per attempt; giving up records the failure and the give-up", () => {
    spec
      .given([started(1)])
      .when(outcome(1, "failed", { statusCode: 503, error: "HTTP 503: busy" }))
      .then([failed(1)]);
    spec
      .given([started(1), failed(1)])
      .when(outcome(1, "failed", { statusCode: 503, error: "HTTP 503: busy" }))
      .thenNothing();
    spec
      .given([started(1)])
      .when(outcome(1, "given-up", { statusCode: 404, error: "HTTP 404" }))
      .then([failed(1, "HTTP 404", 404), { type: "DeliveryGivenUp", data: { ...ref, attempts: 1 } }]);
    expect(spec.given([]).when(outcome(1, "delivered")).thenFails().code).toBe("delivery-attempt-out-of-order");
    expect(
      spec
        .given([started(1)])
        .when(outcome(2, "delivered"))
        .thenFails().code,
    ).toBe("delivery-attempt-out-of-order");
  });

  it("rule L12: an attempt a crash left open shows in the state and may be closed, then the next one started", () => {
    spec
      .given([started(1), failed(1), started(2)])
      .when(start(3))
      .thenState((state) => {
        expect(state).toMatchObject({ status: "pending", attempts: 3, settledAttempts: 1 });
      });
    spec
      .given([started(1), failed(1), started(2)])
      .when(outcome(2, "failed", { error: "interrupted" }))
      .then([{ type: "DeliveryAttemptFailed", data: { ...ref, attempt: 2, error: "interrupted" } }]);
  });

  it("rule L12: a command for the same key but another execution, tenant or channel is refused", () => {
    expect(
      spec
        .given([started(1)])
        .when({ ...start(2), channel: "email" })
        .thenFails().code,
    ).toBe("delivery-mismatch");
    expect(
      spec
        .given([started(1)])
        .when({ ...start(2), organization: "01HZX3Y4Q5R6S7T8V9W0XYZ999" })
        .thenFails().code,
    ).toBe("delivery-mismatch");
  });

  it("delivery streams are named by the idempotency key", () => {
    expect(parseStreamName(`delivery-${KEY}`)).toEqual({ kind: "delivery", idempotencyKey: KEY });
    expect(parseStreamName("delivery-xyz")).toBeUndefined();
  });
});

describe("retry policy", () => {
  it("2xx delivers; 408, 429 and 5xx retry; other 4xx and 3xx give up", () => {
    expect([200, 204, 299].map(verdictForStatus)).toEqual(["delivered", "delivered", "delivered"]);
    expect([408, 429, 500, 503, 599].map(verdictForStatus)).toEqual(["retry", "retry", "retry", "retry", "retry"]);
    expect([400, 401, 404, 410, 301, 302].map(verdictForStatus)).toEqual([
      "give-up",
      "give-up",
      "give-up",
      "give-up",
      "give-up",
      "give-up",
    ]);
  });

  it("the last allowed attempt's retryable failure gives up", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 };
    expect(verdictAfter(2, "retry", policy)).toBe("retry");
    expect(verdictAfter(3, "retry", policy)).toBe("give-up");
    expect(verdictAfter(3, "delivered", policy)).toBe("delivered");
  });

  it("backoff doubles from the base, half fixed and half jitter, and is capped", () => {
    const policy = { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, policy, () => 0))).toEqual([500, 1000, 2000, 2500, 2500]);
    expect([1, 2, 3].map((attempt) => backoffDelayMs(attempt, policy, () => 0.999999))).toEqual([999, 1999, 3999]);
    expect(backoffDelayMs(40, policy, () => 1)).toBe(5000);
  });
});
