/**
 * Parent side of the reliability suites: starts reliability-writer.ts processes, collects their JSON lines, and checks a
 * store against what the writers said (acknowledged appends present exactly where reported, no batch half-written).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { EventStore, RecordedEvent } from "@cloud-ledger/domain";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const writerPath = fileURLToPath(new URL("./reliability-writer.ts", import.meta.url));

export type WriterLine =
  | { readonly t: "ready" }
  | { readonly t: "begin"; readonly c: string; readonly actor: string; readonly command: unknown }
  | {
      readonly t: "intent";
      readonly c: string;
      readonly s: string;
      readonly ids: readonly string[];
      readonly expected: unknown;
      /** Shared by the parts of one multi-stream append. */
      readonly group?: string;
    }
  | {
      readonly t: "appended";
      readonly c: string;
      readonly s: string;
      readonly ids: readonly string[];
      readonly first: number;
      readonly last: number;
    }
  | { readonly t: "conflict"; readonly c: string; readonly s: string }
  | {
      readonly t: "done";
      readonly c: string;
      readonly r: string;
      readonly events: readonly (readonly [string, number, string])[];
      readonly duplicate?: boolean;
    }
  | { readonly t: "finished"; readonly commands: number };

export interface Writer {
  readonly child: ChildProcessWithoutNullStreams;
  /** Complete lines so far (a line cut by SIGKILL is not a line). */
  readonly lines: WriterLine[];
  /** Resolves once `count` lines of kind `t` were printed. */
  waitFor(t: WriterLine["t"], count?: number): Promise<void>;
  /** Resolves with the exit code or signal when the process is gone. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stderr: string }>;
}

export function startWriter(spec: string, writerId: number, seed: number, durationMs: number, retry?: string): Writer {
  const args = ["--conditions=source", "--import", "tsx", writerPath, spec, String(writerId), String(seed), String(durationMs)];
  if (retry !== undefined) args.push(retry);
  const child = spawn(process.execPath, args, { cwd: repoRoot });
  const lines: WriterLine[] = [];
  const waiters: { t: WriterLine["t"]; count: number; resolve: () => void }[] = [];
  let buffer = "";
  let stderr = "";
  const settle = (): void => {
    for (const w of [...waiters]) {
      if (lines.filter((l) => l.t === w.t).length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      lines.push(JSON.parse(buffer.slice(0, newline)) as WriterLine);
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
    }
    settle();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
  return {
    child,
    lines,
    exited,
    waitFor: (t, count = 1) =>
      new Promise<void>((resolve, reject) => {
        waiters.push({ t, count, resolve });
        settle();
        void exited.then(({ code, signal, stderr: err }) =>
          reject(new Error(`writer ${writerId} exited (${code ?? signal}) before ${count} '${t}' lines: ${err}`)),
        );
      }),
  };
}

/** The begin line of the last command that has no done line (cut short), as the writer's `retry` argument. */
export function unfinishedCommand(lines: readonly WriterLine[]): string | undefined {
  const done = new Set(lines.flatMap((l) => (l.t === "done" ? [l.c] : [])));
  const open = lines.filter((l): l is Extract<WriterLine, { t: "begin" }> => l.t === "begin" && !done.has(l.c)).pop();
  if (open === undefined) return undefined;
  return Buffer.from(JSON.stringify({ c: open.c, actor: open.actor, command: open.command })).toString("base64");
}

/**
 * Problems with the store as the writers reported it: every acknowledged append is stored at the versions it got,
 * once; every batch a writer began is stored whole or not at all; no event id is stored twice.
 */
export function storeProblems(all: readonly RecordedEvent[], lines: readonly WriterLine[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, RecordedEvent>();
  for (const event of all) {
    if (byId.has(event.eventId)) problems.push(`event id ${event.eventId} stored twice`);
    byId.set(event.eventId, event);
  }
  const acknowledged = new Set<string>();
  for (const line of lines) {
    if (line.t === "appended") {
      line.ids.forEach((id, index) => {
        acknowledged.add(id);
        const event = byId.get(id);
        if (event === undefined) problems.push(`acknowledged event ${id} of ${line.c} (${line.s}@${line.first + index}) is missing`);
        else if (event.streamName !== line.s || event.version !== line.first + index) {
          problems.push(`acknowledged event ${id} is at ${event.streamName}@${event.version}, not ${line.s}@${line.first + index}`);
        }
      });
    }
    if (line.t === "done" && line.r === "ok") {
      for (const [stream, version, id] of line.events) {
        const event = byId.get(id);
        if (event?.streamName !== stream || event.version !== version)
          problems.push(`event ${id} that ${line.c} reported at ${stream}@${version} is not there`);
      }
    }
  }
  // The parts of one multi-stream append land together or not at all.
  const groups = new Map<string, { stored: number; total: number; c: string }>();
  for (const line of lines) {
    if (line.t !== "intent" || line.group === undefined) continue;
    const group = groups.get(line.group) ?? { stored: 0, total: 0, c: line.c };
    group.total += line.ids.length;
    group.stored += line.ids.filter((id) => byId.has(id)).length;
    groups.set(line.group, group);
  }
  for (const [id, group] of groups) {
    if (group.stored !== 0 && group.stored !== group.total) {
      problems.push(`half-written multi-stream append ${id} of ${group.c}: ${group.stored} of ${group.total} events stored`);
    }
  }
  for (const line of lines) {
    if (line.t !== "intent") continue;
    const stored = line.ids.map((id) => byId.get(id));
    const present = stored.filter((e) => e !== undefined);
    if (present.length !== 0 && present.length !== line.ids.length) {
      problems.push(`half-written batch of ${line.c} on ${line.s}: ${present.length} of ${line.ids.length} events stored`);
    } else if (present.length > 0) {
      const versions = present.map((e) => e.version);
      if (versions.some((v, i) => v !== versions[0]! + i) || present.some((e) => e.streamName !== line.s)) {
        problems.push(`batch of ${line.c} on ${line.s} is not contiguous: ${versions.join(",")}`);
      }
    }
  }
  return problems;
}

export async function readEverything(store: EventStore): Promise<readonly RecordedEvent[]> {
  return store.readAll();
}
