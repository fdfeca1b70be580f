import type { Readable } from "node:stream";
import type { RecordedEvent, Sha256Hasher } from "@cloud-ledger/domain";
import { LogOrderChecker } from "./log-order-checker.js";
import { parseEventLine, parseHeader } from "./parse-event-line.js";
import { readLines } from "./read-lines.js";

export interface ReadNdjsonOptions {
  /** Events per yielded page. Default 1000. */
  readonly pageSize?: number;
  /** Check every event's hash link as it is read (default true, like the import). */
  readonly verifyChain?: boolean;
  /** SHA-256 for the chain check (default the domain's portable one; `nodeSha256Hex` from ./crypto is faster). */
  readonly sha256?: Sha256Hasher;
}

/**
 * Reads an NDJSON export as pages of events in file order, without loading it: memory stays at one page, one chunk
 * and one stream tip per stream. Each line is checked exactly as `importFromNdjson`'s first pass checks it (header,
 * format, the port's input rules, positions, versions, optionally the hash chain) and a fault throws
 * NdjsonFormatError with its line number — after the pages before it were yielded, so a consumer that must not act
 * on a bad file has to finish reading before committing anything. Breaking out of the loop closes `input`.
 */
export async function* readNdjsonEvents(
  input: Readable | AsyncIterable<string | Uint8Array>,
  options: ReadNdjsonOptions = {},
): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) throw new RangeError("pageSize must be an integer >= 1");
  const checker = new LogOrderChecker(options.verifyChain ?? true, options.sha256);
  let sawHeader = false;
  let page: RecordedEvent[] = [];
  for await (const { text, number } of readLines(input)) {
    if (!sawHeader) {
      parseHeader(text);
      sawHeader = true;
      continue;
    }
    const event = parseEventLine(text, number);
    checker.checkOrder(event, number);
    checker.accept(event, number);
    page.push(event);
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (!sawHeader) parseHeader(undefined);
  if (page.length > 0) yield page;
}
