import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSystemClock } from "@cloud-ledger/adapters/clock";
import { verifyWebhookSignature } from "@cloud-ledger/adapters/webhook";
import { createControlPlane, deliveryStream, type DeliveryJob, type DeliveryOutbox } from "@cloud-ledger/domain";
import { createMemoryGitResolver } from "@cloud-ledger/domain/testing";
import { createBaseProgram } from "../../src/program-base.js";
import { registerNotificationsCommands, signingSecretName } from "../../src/commands/notifications.js";
import { openCliVault } from "../../src/runtime/cli-vault.js";

const ORG = "01HZX3Y4Q5R6S7T8V9W0XYZ123";
const PROJECT = "0123456789abcdef0123456789abcdef";
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

let home: string;
let file: string;
let server: http.Server;
let url: string;
const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeEach(async () => {
  home = mkdtempSync(path.join(tmpdir(), "cl-notify-run-"));
  file = path.join(home, "ledger.sqlite");
  vi.stubEnv("CLOUD_LEDGER_HOME", home);
  vi.stubEnv("CLOUD_LEDGER_VAULT_KEY", "00".repeat(32));
  received.length = 0;
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const store = openSqliteEventStore({ path: file });
  const plane = createControlPlane({ store, clock: createSystemClock(), ids: createSeededIdGenerator(9), git: createMemoryGitResolver() });
  for (const [i, command] of [
    { type: "SignUpUser", githubUserId: "1001", login: "alice" },
    { type: "CreateOrganization", name: "acme", billingAccountNumber: ORG },
  ].entries()) {
    const done = await plane.dispatch({ command: command as never, actor: "github:1001", commandId: `setup-${i}` });
    if (done._tag === "Left") throw new Error(JSON.stringify(done.left));
  }
  // The secret as `config notification set` leaves it in the CLI's vault.
  const vault = await openCliVault(home, store);
  await vault.put({ organization: ORG, projectKey: PROJECT, name: signingSecretName(url) }, "vault-secret", { eventId: "e1", version: 1 });
  await store.close();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(home, { recursive: true, force: true });
});

function job(): DeliveryJob {
  const executionId = sha256("execution").slice(0, 32);
  const idempotencyKey = sha256(`${executionId}\n${ORG}\n${PROJECT}\n${url}`);
  return {
    idempotencyKey,
    scope: { organization: ORG, projectKey: PROJECT },
    type: "webhook",
    recipient: url,
    executionId,
    payload: {
      id: "event-1",
      event_type: "job_run",
      idempotency_key: idempotencyKey,
      data: { id: executionId, description: "Job run succeeded.", status: "succeeded", cancellation_reason: null },
    },
  };
}

const outboxOf = (jobs: DeliveryJob[]): DeliveryOutbox => ({
  pending: (after) => Promise.resolve(after === undefined ? { jobs, cursor: String(jobs.length) } : { jobs: [] }),
});

async function run(args: string[], outbox: DeliveryOutbox): Promise<string> {
  const program = createBaseProgram();
  registerNotificationsCommands(program, () => Promise.resolve(outbox));
  let stdout = "";
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const quiet = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    await program.parseAsync(["node", "cloud-ledger", "notifications", "run", "--store", `sqlite:${file}`, ...args]);
  } finally {
    write.mockRestore();
    quiet.mockRestore();
  }
  return stdout;
}

describe("cloud-ledger notifications run", () => {
  it("--once delivers with the recipient's signing secret from the CLI vault, recorded as the dispatcher", async () => {
    const delivery = job();
    const out = await run(["--once", "--json"], outboxOf([delivery]));
    expect(JSON.parse(out)).toMatchObject({ delivered: 1, givenUp: 0, errors: 0 });
    expect(received).toHaveLength(1);
    const [request] = received;
    const header = request?.headers["cloud-ledger-signature"];
    expect(
      verifyWebhookSignature({ body: request?.body ?? "", header: typeof header === "string" ? header : undefined, secret: "vault-secret" })
        .ok,
    ).toBe(true);
    const store = openSqliteEventStore({ path: file });
    const events = await store.readStream(deliveryStream(delivery.idempotencyKey));
    await store.close();
    expect(events.map((e) => e.type)).toEqual(["DeliveryAttemptStarted", "NotificationDelivered"]);
    expect(events.every((e) => e.metadata.actor === "system:notification-dispatcher")).toBe(true);
  });

  it("without --once it keeps polling, and SIGTERM stops it cleanly with its report", async () => {
    const pending = run(["--json"], outboxOf([job()]));
    await vi.waitFor(() => expect(received).toHaveLength(1), { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.emit("SIGTERM");
    expect(JSON.parse(await pending)).toMatchObject({ delivered: 1 });
  });

  it("refuses --smtp-host without --smtp-from, before sending anything", async () => {
    await expect(run(["--once", "--smtp-host", "127.0.0.1"], outboxOf([job()]))).rejects.toThrow("--smtp-from is required");
    expect(received).toHaveLength(0);
  });
});
