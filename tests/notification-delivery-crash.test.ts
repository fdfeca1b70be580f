import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { verifyWebhookSignature } from "@cloud-ledger/adapters/webhook";
import { auditStore, createControlPlane, deliveryStream, type DeliveryJob } from "@cloud-ledger/domain";
import { createMemoryGitResolver } from "@cloud-ledger/domain/testing";

/*
 * Rule L12 under crashes: a real dispatcher process on a SQLite file is SIGKILLed mid-run — once while the receiver holds
 * a POST unanswered (sent, outcome not recorded), once just after it answers, once while other requests are in flight — and
 * restarted. In the end every notification reached the receiver at least once and the ledger records each as delivered
 * exactly once, and the whole ledger passes the audit.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..");
const childPath = path.join(here, "support", "delivery-dispatcher-child.ts");
const ORG = "01HZX3Y4Q5R6S7T8V9W0XYZ123";
const SECRET = "crash-test-secret";
const JOBS = 24;

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
let dir: string;
let server: http.Server;
let url: string;
/** Per idempotency key: how many POSTs arrived, and how many got a 2xx answer. */
const arrived = new Map<string, number>();
const answered2xx = new Map<string, number>();
let requests = 0;
let onRequest: (n: number) => void = () => undefined;
let badSignatures = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "cl-delivery-crash-"));
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const key = String(req.headers["idempotency-key"]);
      const header = req.headers["cloud-ledger-signature"];
      if (!verifyWebhookSignature({ body, header: typeof header === "string" ? header : undefined, secret: SECRET }).ok) badSignatures += 1;
      arrived.set(key, (arrived.get(key) ?? 0) + 1);
      requests += 1;
      onRequest(requests);
      // Every fifth request fails once, so retries and backoff happen around the kills too.
      const status = requests % 5 === 0 ? 503 : 200;
      setTimeout(() => {
        res.writeHead(status).end();
        if (status === 200) answered2xx.set(key, (answered2xx.get(key) ?? 0) + 1);
      }, 15);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

function jobs(): DeliveryJob[] {
  return Array.from({ length: JOBS }, (_, n) => {
    const executionId = sha256(`execution ${n}`).slice(0, 32);
    const recipient = `${url}/hook/${n % 4}`;
    const idempotencyKey = sha256(`${executionId}\n${ORG}\n\n${recipient}`);
    return {
      idempotencyKey,
      scope: { organization: ORG },
      type: "webhook" as const,
      recipient,
      executionId,
      payload: {
        id: `event-${n}`,
        event_type: "job_run" as const,
        idempotency_key: idempotencyKey,
        data: { id: executionId, description: `Job run ${n} failed.`, status: "failed" as const, cancellation_reason: null },
      },
    };
  });
}

function startChild(
  file: string,
  jobsFile: string,
): { child: ChildProcess; exited: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", childPath, file, jobsFile, SECRET], { cwd: repoRoot });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, exited };
}

describe("notification delivery survives SIGKILL (rule L12)", () => {
  it("rule L12: killed mid-run three times and restarted, every notification is delivered at least once and recorded once", async () => {
    const file = path.join(dir, "ledger.sqlite");
    const setupStore = openSqliteEventStore({ path: file });
    const plane = createControlPlane({
      store: setupStore,
      clock: createSystemClock(),
      ids: createSeededIdGenerator(5),
      git: createMemoryGitResolver(),
    });
    for (const [i, command] of [
      { type: "SignUpUser", githubUserId: "1001", login: "alice" },
      { type: "CreateOrganization", name: "acme", billingAccountNumber: ORG },
    ].entries()) {
      const done = await plane.dispatch({ command: command as never, actor: "github:1001", commandId: `setup-${i}` });
      expect(done._tag).toBe("Right");
    }
    await setupStore.close();
    const all = jobs();
    const jobsFile = path.join(dir, "jobs.json");
    writeFileSync(jobsFile, JSON.stringify(all));

    // Kill 1: while the receiver holds request 4 unanswered. Kill 2: just after a request is answered. Kill 3: mid-flight.
    const kills: readonly ((child: ChildProcess) => void)[] = [
      (child) => {
        onRequest = (n) => {
          if (n === 4) child.kill("SIGKILL");
        };
      },
      (child) => {
        const at = requests + 7;
        onRequest = (n) => {
          if (n === at) setTimeout(() => child.kill("SIGKILL"), 16);
        };
      },
      (child) => {
        const at = requests + 2;
        onRequest = (n) => {
          if (n === at) setTimeout(() => child.kill("SIGKILL"), 5);
        };
      },
    ];
    for (const arm of kills) {
      const run = startChild(file, jobsFile);
      arm(run.child);
      const { code, stdout, stderr } = await run.exited;
      expect(code, `the child should have been killed; it exited: ${stdout}\n${stderr}`).toBeNull();
    }
    onRequest = () => undefined;
    const final = startChild(file, jobsFile);
    const { code, stdout, stderr } = await final.exited;
    expect(code, stderr).toBe(0);
    const done = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as { done?: { errors: number } };
    expect(done.done?.errors).toBe(0);

    const store = openSqliteEventStore({ path: file });
    try {
      for (const job of all) {
        expect(answered2xx.get(job.idempotencyKey) ?? 0, `job ${job.payload.id} was never answered 2xx`).toBeGreaterThanOrEqual(1);
        const events = await store.readStream(deliveryStream(job.idempotencyKey));
        expect(
          events.filter((e) => e.type === "NotificationDelivered"),
          `job ${job.payload.id}`,
        ).toHaveLength(1);
        expect(events.filter((e) => e.type === "DeliveryGivenUp")).toHaveLength(0);
      }
      // The first kill left a POST sent and unrecorded: that notification reached the receiver twice, with one key.
      expect([...arrived.values()].some((count) => count > 1)).toBe(true);
      expect(badSignatures).toBe(0);
      const audit = await auditStore(store);
      expect(audit.ok, JSON.stringify(audit)).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
