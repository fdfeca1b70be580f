/**
 * A notification dispatcher process for the delivery crash test:
 *
 *   node --conditions=source --import tsx delivery-dispatcher-child.ts <sqlite file> <jobs json file> <secret>
 *
 * Delivers every job in the file through the real dispatcher (SQLite ledger, HTTP to the test's server, real timers)
 * and prints one JSON line per activity, then `{"done": report}`. The test SIGKILLs it at moments of its choosing.
 */
import { readFileSync } from "node:fs";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { nodeSha256Hex } from "@cloud-ledger/adapters/crypto";
import { createHttpWebhookTransport } from "@cloud-ledger/adapters/webhook";
import { createNotificationDispatcher } from "@cloud-ledger/adapters/notification-dispatcher";
import { createControlPlane, type DeliveryJob } from "@cloud-ledger/domain";
import { createMemoryGitResolver } from "@cloud-ledger/domain/testing";

const [file, jobsFile, secret] = process.argv.slice(2);
if (file === undefined || jobsFile === undefined || secret === undefined) throw new Error("usage: <sqlite file> <jobs file> <secret>");
const jobs = JSON.parse(readFileSync(jobsFile, "utf8")) as DeliveryJob[];
const store = openSqliteEventStore({ path: file });
const clock = createSystemClock();
const controlPlane = createControlPlane({ store, clock, ids: createIdGenerator(), git: createMemoryGitResolver(), sha256: nodeSha256Hex });
const dispatcher = createNotificationDispatcher({
  outbox: {
    pending(after, limit) {
      const from = after === undefined ? 0 : Number(after);
      const page = jobs.slice(from, from + limit);
      return Promise.resolve(page.length === 0 ? { jobs: [] } : { jobs: page, cursor: String(from + page.length) });
    },
  },
  controlPlane,
  store,
  webhook: createHttpWebhookTransport(),
  mail: { send: () => Promise.resolve({ kind: "failed", permanent: true, message: "no mail here" }) },
  clock,
  signingSecret: () => Promise.resolve(secret),
  retry: { maxAttempts: 50, baseDelayMs: 20, maxDelayMs: 100 },
  requestTimeoutMs: 2_000,
  pageSize: 7,
  concurrency: 3,
  onActivity: (activity) => process.stdout.write(`${JSON.stringify(activity)}\n`),
});
const report = await dispatcher.drain();
process.stdout.write(`${JSON.stringify({ done: report })}\n`);
await store.close();
