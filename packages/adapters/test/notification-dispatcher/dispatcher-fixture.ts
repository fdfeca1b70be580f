import { createHash } from "node:crypto";
import { createMemoryEventStore } from "@cloud-ledger/adapters/memory";
import { createSeededIdGenerator } from "@cloud-ledger/adapters/ids";
import { createSteppingClock } from "@cloud-ledger/adapters/clock";
import {
  createControlPlane,
  deliveryEventSerde,
  deliveryStream,
  type ControlPlane,
  type DeliveryEvent,
  type DeliveryJob,
  type DeliveryOutbox,
  type EventStore,
} from "@cloud-ledger/domain";
import { createMemoryGitResolver } from "@cloud-ledger/domain/testing";
import type { DispatchTimer } from "@cloud-ledger/adapters/notification-dispatcher";

export const ORG = "01HZX3Y4Q5R6S7T8V9W0XYZ123";
export const PROJECT = "0123456789abcdef0123456789abcdef";
export const SECRET = "s3cret-signing-key";

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/** A delivery job as the outbox would make it (the contract's idempotency key formula). */
export function jobFor(recipient: string, type: "webhook" | "email", n: number, projectKey: string | undefined = PROJECT): DeliveryJob {
  const executionId = sha256(`execution ${n}`).slice(0, 32);
  const idempotencyKey = sha256(`${executionId}\n${ORG}\n${projectKey ?? ""}\n${recipient}`);
  return {
    idempotencyKey,
    scope: projectKey === undefined ? { organization: ORG } : { organization: ORG, projectKey },
    type,
    recipient,
    executionId,
    payload: {
      id: `event-${n}`,
      event_type: "job_run",
      idempotency_key: idempotencyKey,
      data: { id: executionId, description: `Job run ${n} succeeded.`, status: "succeeded", cancellation_reason: null },
    },
  };
}

/** An outbox over a fixed list: the cursor is the index after the last job returned. */
export function listOutbox(jobs: readonly DeliveryJob[]): DeliveryOutbox {
  return {
    pending(after, limit) {
      const from = after === undefined ? 0 : Number(after);
      const page = jobs.slice(from, from + limit);
      return Promise.resolve(page.length === 0 ? { jobs: [] } : { jobs: page, cursor: String(from + page.length) });
    },
  };
}

/** Time that passes only when the dispatcher sleeps: every wait is recorded and costs nothing. */
export function fakeTimer(): DispatchTimer & { readonly sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep(ms) {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

export interface Ledger {
  readonly store: EventStore;
  readonly controlPlane: ControlPlane;
  events(job: DeliveryJob): Promise<DeliveryEvent[]>;
}

/** A memory ledger holding the organization the jobs belong to. */
export async function ledgerWithOrganization(store: EventStore = createMemoryEventStore()): Promise<Ledger> {
  const controlPlane = createControlPlane({
    store,
    clock: createSteppingClock("2026-12-03T12:00:00.000Z", 1000),
    ids: createSeededIdGenerator(3),
    git: createMemoryGitResolver(),
  });
  const setup = [
    { type: "SignUpUser", githubUserId: "1001", login: "alice" },
    { type: "CreateOrganization", name: "acme", billingAccountNumber: ORG },
  ] as const;
  for (const [i, command] of setup.entries()) {
    const done = await controlPlane.dispatch({ command, actor: "github:1001", commandId: `setup-${i}` });
    if (done._tag === "Left") throw new Error(JSON.stringify(done.left));
  }
  return {
    store,
    controlPlane,
    async events(job) {
      const recorded = await store.readStream(deliveryStream(job.idempotencyKey));
      return recorded.map((event) => {
        const decoded = deliveryEventSerde.decode(event);
        if (decoded._tag === "Left") throw new Error(decoded.left);
        return decoded.right;
      });
    },
  };
}
