import { once } from "node:events";
import type { Writable } from "node:stream";
import type { EventStore } from "@cloud-ledger/domain";
import { NDJSON_HEADER, serializeEvent } from "./ndjson-format.js";

export interface ExportOptions {
  /** Events per readAll page (and per write). Default 1000. */
  readonly pageSize?: number;
}

export interface ExportResult {
  readonly events: number;
  /** The store's head when the export began: the file holds exactly the events up to it. */
  readonly headPosition: number;
}

async function write(output: Writable, text: string): Promise<void> {
  if (!output.write(text)) await once(output, "drain");
}

/**
 * Writes the header, then every event up to the store's head at the start, in global order, one page at a time
 * (memory stays at one page; a slow writable pauses the reads). Leaves `output` open: the caller ends it.
 */
export async function exportToNdjson(
  store: Pick<EventStore, "readAll" | "headPosition">,
  output: Writable,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError("pageSize must be an integer >= 1");
  const headPosition = await store.headPosition();
  await write(output, `${NDJSON_HEADER}\n`);
  let after = 0;
  let events = 0;
  while (after < headPosition) {
    const page = (await store.readAll({ after, limit: pageSize })).filter((event) => event.globalPosition <= headPosition);
    if (page.length === 0) break;
    await write(output, page.map((event) => `${serializeEvent(event)}\n`).join(""));
    events += page.length;
    after = page[page.length - 1]!.globalPosition;
  }
  return { events, headPosition };
}
