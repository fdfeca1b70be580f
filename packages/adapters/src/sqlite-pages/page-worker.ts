/**
 * The page worker (runs in a node:worker_threads Worker, started by read-sqlite-pages.ts): reads the log with the
 * SQLite store's public `readAll` in pages and posts each page as one JSON string, only while it holds credit from
 * the consumer, so at most `ahead` pages are ever queued whatever the log size.
 */
import { accessSync, constants } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import type { EventStore, RecordedEvent } from "@cloud-ledger/domain";
import { openSqliteEventStore } from "../sqlite/index.js";
import type { PageWorkerCommand, PageWorkerInput, PageWorkerMessage } from "./protocol.js";
import { toTransferredError } from "./transfer-errors.js";

const port = parentPort;
if (port === null) throw new Error("page-worker.ts runs only as a worker thread started by readSqlitePages");
const input = workerData as PageWorkerInput;

let credit = input.ahead;
let stopped = false;
let wake: (() => void) | undefined;
port.on("message", (command: PageWorkerCommand) => {
  if (command.type === "stop") stopped = true;
  else credit += command.pages;
  wake?.();
  wake = undefined;
});

const post = (message: PageWorkerMessage): void => port.postMessage(message);

function creditArrived(): Promise<void> {
  return new Promise((resolve) => (wake = resolve));
}

/** Opening the store creates a missing file; a reader must not, so a missing or unreadable file fails here. */
function openExisting(path: string): EventStore {
  accessSync(path, constants.R_OK);
  return openSqliteEventStore({ path });
}

/** Same stopping rule as the projections' forEachPage: up to the head read at the start, or an empty page. */
async function sendPages(store: EventStore): Promise<void> {
  const head = await store.headPosition();
  let after = input.after;
  for (;;) {
    while (credit === 0 && !stopped) await creditArrived();
    if (stopped) return;
    const page: readonly RecordedEvent[] = await store.readAll({ after, limit: input.pageSize });
    if (page.length === 0) return;
    credit -= 1;
    post({ type: "page", json: JSON.stringify(page) });
    after = (page[page.length - 1] as RecordedEvent).globalPosition;
    if (page.length < input.pageSize && after >= head) return;
  }
}

async function run(): Promise<void> {
  if (stopped) return;
  const store = openExisting(input.path);
  try {
    await sendPages(store);
  } finally {
    await store.close();
  }
}

void run().then(
  () => post({ type: "end" }),
  (error: unknown) => post({ type: "error", error: toTransferredError(error) }),
).finally(() => port.close());
