import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditStore, type MailTransport } from "@cloud-ledger/domain";
import { createFixedClock } from "@cloud-ledger/adapters/clock";
import { createHttpWebhookTransport, verifyWebhookSignature } from "@cloud-ledger/adapters/webhook";
import { createNotificationDispatcher, type DispatchActivity } from "@cloud-ledger/adapters/notification-dispatcher";
import { startCueServer, type CueServer } from "./cue-server.js";
import { SECRET, fakeTimer, jobFor, ledgerWithOrganization, listOutbox, type Ledger } from "./dispatcher-fixture.js";

const NOW = "2026-12-03T12:00:00.000Z";
const NOW_SECONDS = Date.parse(NOW) / 1000;
const noMail: MailTransport = { send: () => Promise.reject(new Error("no mail in this test")) };

let server: CueServer;
let ledger: Ledger;
beforeEach(async () => {
  server = await startCueServer();
  ledger = await ledgerWithOrganization();
});
afterEach(async () => {
  await server.close();
});

function dispatcherFor(jobs: ReturnType<typeof jobFor>[], overrides: { maxAttempts?: number; activity?: DispatchActivity[] } = {}) {
  const timer = fakeTimer();
  const dispatcher = createNotificationDispatcher({
    outbox: listOutbox(jobs),
    controlPlane: ledger.controlPlane,
    store: ledger.store,
    webhook: createHttpWebhookTransport({ maxResponseBytes: 256 }),
    mail: noMail,
    clock: createFixedClock(NOW),
    signingSecret: () => Promise.resolve(SECRET),
    retry: { maxAttempts: overrides.maxAttempts ?? 5, baseDelayMs: 1000, maxDelayMs: 60_000 },
    random: () => 0.5,
    timer,
    requestTimeoutMs: 300,
    ...(overrides.activity === undefined ? {} : { onActivity: (a: DispatchActivity) => overrides.activity?.push(a) }),
  });
  return { dispatcher, timer };
}

describe("webhook delivery (rule L12)", () => {
  it("rule L12: retries a 503 and a timeout with backoff, then delivers; the key is stable and every signature verifies", async () => {
    const job = jobFor(`${server.url}/hook`, "webhook", 1);
    server.cue("/hook", { status: 503, body: "busy" }, { hang: true }, { status: 200 });
    const { dispatcher, timer } = dispatcherFor([job]);

    const report = await dispatcher.drain();

    expect(report).toMatchObject({ delivered: 1, failedAttempts: 2, givenUp: 0, errors: 0 });
    expect(server.received).toHaveLength(3);
    const body = JSON.stringify(job.payload);
    for (const [i, request] of server.received.entries()) {
      expect(request.body).toBe(body);
      expect(request.headers["idempotency-key"]).toBe(job.idempotencyKey);
      expect(request.headers["cloud-ledger-delivery-attempt"]).toBe(String(i + 1));
      expect(request.headers["content-type"]).toBe("application/json");
      const signature = request.headers["cloud-ledger-signature"] as string;
      expect(verifyWebhookSignature({ body: request.body, header: signature, secret: SECRET, nowSeconds: NOW_SECONDS })).toEqual({
        ok: true,
        timestamp: NOW_SECONDS,
      });
    }
    // Equal jitter at 0.5: 1000 -> 750 ms, 2000 -> 1500 ms.
    expect(timer.sleeps).toEqual([750, 1500]);
    const events = await ledger.events(job);
    expect(events.map((e) => e.type)).toEqual([
      "DeliveryAttemptStarted",
      "DeliveryAttemptFailed",
      "DeliveryAttemptStarted",
      "DeliveryAttemptFailed",
      "DeliveryAttemptStarted",
      "NotificationDelivered",
    ]);
    expect(events[1]?.data).toMatchObject({ attempt: 1, statusCode: 503, error: "HTTP 503: busy" });
    expect(events[3]?.data).toMatchObject({ attempt: 2, error: "no response within 300 ms" });
    expect(events[5]?.data).toMatchObject({ attempt: 3, statusCode: 200 });
    expect((await auditStore(ledger.store)).ok).toBe(true);
  });

  it("rule L12: a delivered notification is never sent again, by this dispatcher or the next", async () => {
    const job = jobFor(`${server.url}/once`, "webhook", 2);
    await dispatcherFor([job]).dispatcher.drain();
    const again = await dispatcherFor([job]).dispatcher.drain();
    expect(again).toMatchObject({ delivered: 0, skipped: 1 });
    expect(server.received).toHaveLength(1);
    expect((await ledger.events(job)).filter((e) => e.type === "NotificationDelivered")).toHaveLength(1);
  });

  it("rule L12: a 4xx gives up at once; 408, 429 and 5xx are retried until the attempts are spent", async () => {
    const gone = jobFor(`${server.url}/gone`, "webhook", 3);
    const busy = jobFor(`${server.url}/busy`, "webhook", 4);
    server.cue("/gone", { status: 404 });
    server.cue("/busy", { status: 429 }, { status: 408 }, { status: 500 });
    const report = await dispatcherFor([gone, busy], { maxAttempts: 3 }).dispatcher.drain();
    expect(report).toMatchObject({ delivered: 0, givenUp: 2 });
    expect(server.received.filter((r) => r.path === "/gone")).toHaveLength(1);
    expect(server.received.filter((r) => r.path === "/busy")).toHaveLength(3);
    expect((await ledger.events(gone)).map((e) => e.type)).toEqual(["DeliveryAttemptStarted", "DeliveryAttemptFailed", "DeliveryGivenUp"]);
    expect((await ledger.events(busy)).at(-1)).toMatchObject({ type: "DeliveryGivenUp", data: { attempts: 3 } });
  });

  it("hostile receivers: a huge body is cut to a bounded excerpt, a redirect to another host is not followed", async () => {
    const huge = jobFor(`${server.url}/huge`, "webhook", 5);
    const away = jobFor(`${server.url}/away`, "webhook", 6);
    const moved = jobFor(`${server.url}/moved`, "webhook", 7);
    server.cue("/huge", { status: 400, body: "\u0000x".repeat(500_000) });
    server.cue("/away", { status: 307, headers: { location: `http://localhost:${server.port}/elsewhere` } });
    server.cue("/moved", { status: 308, headers: { location: "/moved-here" } });
    const report = await dispatcherFor([huge, away, moved]).dispatcher.drain();
    expect(report).toMatchObject({ delivered: 1, givenUp: 2 });
    const hugeFailure = (await ledger.events(huge)).find((e) => e.type === "DeliveryAttemptFailed");
    const error = (hugeFailure?.data as { error: string }).error;
    expect(error.length).toBeLessThanOrEqual(500);
    expect(error).not.toContain("\u0000");
    expect(server.received.map((r) => r.path)).not.toContain("/elsewhere");
    const awayFailure = (await ledger.events(away)).find((e) => e.type === "DeliveryAttemptFailed");
    expect((awayFailure?.data as { error: string }).error).toContain("a redirect to another host");
    // A same-origin 308 is followed, and the signed body goes with it.
    const followed = server.received.find((r) => r.path === "/moved-here");
    expect(followed?.body).toBe(JSON.stringify(moved.payload));
  });

  it("URLs are validated again before the POST: file:, credentials and garbage are given up unsent", async () => {
    const jobs = ["file:///etc/passwd", `http://user:pw@127.0.0.1:${server.port}/x`, "not a url"].map((url, i) =>
      jobFor(url, "webhook", 10 + i),
    );
    const report = await dispatcherFor(jobs).dispatcher.drain();
    expect(report).toMatchObject({ givenUp: 3, delivered: 0 });
    expect(server.received).toHaveLength(0);
    const reasons = await Promise.all(jobs.map(async (job) => (await ledger.events(job))[1]?.data));
    expect(reasons.map((r) => (r as { error: string }).error)).toEqual([
      "not sent: the URL's scheme 'file:' is not http or https",
      "not sent: the URL carries credentials",
      "not sent: the URL does not parse",
    ]);
  });

  it("a webhook without a stored signing secret is not sent unsigned: the attempt fails and is retried", async () => {
    const job = jobFor(`${server.url}/unsigned`, "webhook", 20);
    let secret: string | undefined;
    const timer = fakeTimer();
    const dispatcher = createNotificationDispatcher({
      outbox: listOutbox([job]),
      controlPlane: ledger.controlPlane,
      store: ledger.store,
      webhook: createHttpWebhookTransport(),
      mail: noMail,
      clock: createFixedClock(NOW),
      signingSecret: () => Promise.resolve(secret),
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10 },
      timer: {
        ...timer,
        sleep: (ms) => {
          secret = SECRET;
          return timer.sleep(ms);
        },
      },
    });
    expect(await dispatcher.drain()).toMatchObject({ delivered: 1, failedAttempts: 1 });
    expect(server.received).toHaveLength(1);
    expect(server.received[0]?.headers["cloud-ledger-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });
});

describe("verifyWebhookSignature", () => {
  const body = '{"id":"x"}';
  const header = `t=${NOW_SECONDS},v1=${"0".repeat(64)}`;
  it("refuses a wrong signature, an edited body, a stale timestamp and a malformed header", async () => {
    const { signWebhookBody } = await import("@cloud-ledger/adapters/webhook");
    const signed = signWebhookBody(body, SECRET, NOW_SECONDS);
    const verify = (over: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({ body, header: signed, secret: SECRET, nowSeconds: NOW_SECONDS, ...over }).ok;
    expect(verify({})).toBe(true);
    expect(verify({ header })).toBe(false);
    expect(verify({ body: '{"id":"y"}' })).toBe(false);
    expect(verify({ secret: "other" })).toBe(false);
    expect(verify({ nowSeconds: NOW_SECONDS + 301 })).toBe(false);
    expect(verify({ header: "garbage" })).toBe(false);
    expect(verify({ header: undefined })).toBe(false);
  });
});
