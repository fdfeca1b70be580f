import type { EventStore, RecordedEvent } from "@cloud-ledger/domain";

/**
 * Reads the log in pages after `after` until it has seen everything up to the head read at the start (port rule 4:
 * all of it is readable then), handing each page to `onPage`; `onPage` returning false stops early. A short page
 * alone does not end the read — a store may return fewer events than the limit. Returns the head it read up to.
 */
export async function forEachPage(
  store: EventStore,
  after: number,
  pageSize: number,
  onPage: (page: readonly RecordedEvent[]) => boolean | Promise<boolean>,
  signal?: AbortSignal,
): Promise<number> {
  const head = await store.headPosition();
  for (;;) {
    signal?.throwIfAborted();
    const page = await store.readAll({ after, limit: pageSize });
    if (page.length === 0) break;
    if (!(await onPage(page))) break;
    after = (page[page.length - 1] as RecordedEvent).globalPosition;
    if (page.length < pageSize && after >= head) break;
  }
  return head;
}
