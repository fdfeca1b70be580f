import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";
import { describeEventStoreConformance } from "@cloud-ledger/adapters/conformance";

const folder = mkdtempSync(join(tmpdir(), "cloud-ledger-sqlite-conformance-"));
const paths = new WeakMap<object, string>();
let counter = 0;

function pathOf(store: object): string {
  const path = paths.get(store);
  if (path === undefined) throw new Error("not a store this harness opened");
  return path;
}

describeEventStoreConformance("sqlite", {
  create() {
    counter += 1;
    const path = join(folder, `store-${counter}.db`);
    const store = openSqliteEventStore({ path });
    paths.set(store, path);
    return Promise.resolve(store);
  },
  connectAgain(store) {
    const path = pathOf(store);
    const again = openSqliteEventStore({ path });
    paths.set(again, path);
    return Promise.resolve(again);
  },
  corruptRow(store, streamName, version) {
    const raw = new Database(pathOf(store));
    try {
      raw.prepare("UPDATE events SET data = '{\"truncated\": ' WHERE stream = ? AND version = ?").run(streamName, version);
    } finally {
      raw.close();
    }
    return Promise.resolve();
  },
  appendStreams: true,
  cleanup() {
    rmSync(folder, { recursive: true, force: true });
    return Promise.resolve();
  },
});
