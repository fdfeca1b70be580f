import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteEventStore } from "@cloud-ledger/adapters/sqlite";

const WORKERS = 4;
const ROUNDS = 150;
const STREAMS = 3;
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const workerPath = fileURLToPath(new URL("./store-sqlite-multiprocess.worker.ts", import.meta.url));
const folder = mkdtempSync(join(tmpdir(), "cloud-ledger-multiprocess-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Outcome {
  readonly acknowledged: string[];
  readonly rejected: string[];
}

function startWorker(path: string, id: number): { child: ChildProcessWithoutNullStreams; ready: Promise<void>; done: Promise<Outcome> } {
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", workerPath, path, String(id), String(ROUNDS), String(STREAMS)],
    {
      cwd: repoRoot,
    },
  );
  let stdout = "";
  let stderr = "";
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    if (stdout.startsWith("ready\n")) signalReady();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<Outcome>((resolve, reject) => {
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`worker ${id} exited with ${code}: ${stderr}`));
      const last = stdout.trim().split("\n").pop() ?? "";
      resolve(JSON.parse(last) as Outcome);
    });
  });
  return { child, ready, done };
}

describe("sqlite store shared by several processes", () => {
  it("keeps every acknowledged append exactly once and nothing of a rejected one", async () => {
    const path = join(folder, "shared.db");
    await openSqliteEventStore({ path }).close(); // create the schema once up front, as an application would
    const workers = Array.from({ length: WORKERS }, (_v, id) => startWorker(path, id));
    await Promise.all(workers.map((w) => w.ready));
    // A reader in this process polls while the writer processes commit, as a projection would.
    const reader = openSqliteEventStore({ path });
    const polled: string[] = [];
    let after = 0;
    let writing = true;
    const poll = async (): Promise<void> => {
      for (let page = await reader.readAll({ after, limit: 25 }); page.length > 0; page = await reader.readAll({ after, limit: 25 })) {
        after = page[page.length - 1]!.globalPosition;
        polled.push(...page.map((e) => e.eventId));
      }
    };
    const polling = (async () => {
      while (writing) {
        await poll();
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    for (const w of workers) w.child.stdin.write("go\n");
    const outcomes = await Promise.all(workers.map((w) => w.done)).finally(() => (writing = false));
    await polling;
    await poll();
    await reader.close();

    const acknowledged = outcomes.flatMap((o) => o.acknowledged);
    const rejected = outcomes.flatMap((o) => o.rejected);
    expect(rejected.length, "the overlapping writers did conflict").toBeGreaterThan(0);

    const store = openSqliteEventStore({ path });
    const all = await store.readAll();
    const ids = all.map((e) => e.eventId);
    expect(new Set(ids).size, "no event stored twice").toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(acknowledged));
    for (const id of rejected) expect(ids).not.toContain(id);
    expect(all.map((e) => e.globalPosition)).toEqual(all.map((_e, i) => i + 1));
    expect(polled, "the polling reader skipped nothing and saw nothing twice").toEqual(ids);
    for (let s = 0; s < STREAMS; s += 1) {
      const stream = await store.readStream(`shared-${s}`);
      expect(stream.map((e) => e.version)).toEqual(stream.map((_e, i) => i + 1));
      // Each append landed as one contiguous block: its events share a command id and follow each other.
      const blocks = stream.map((e) => e.metadata.commandId).filter((id, i, list) => i === 0 || list[i - 1] !== id);
      expect(new Set(blocks).size).toBe(blocks.length);
    }
    await store.close();
  });
});
