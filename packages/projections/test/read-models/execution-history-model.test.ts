import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DomainEvent, JsonValue, RecordedEvent } from "@cloud-ledger/domain";
import { executionHistory, executionHistoryOf, executionView, type ExecutionHistoryState } from "../../src/index.js";

// Two organizations with two projects each, and a few execution ids that every project may reuse: lifecycle events
// of unknown executions, ids shared across projects and requests repeated for one id are all in reach.
const ORGS = ["01ARZ3NDEKTSV4RRFFQ69G5FAV", "01BX5ZZKBKACTAV9WEVGEMMVRZ"];
const PROJECTS = ["0".repeat(32), "f".repeat(32)];
const IDS = ["a".repeat(32), "b".repeat(32), "c".repeat(32)];

type Op =
  | {
      readonly kind: "request";
      readonly org: number;
      readonly project: number;
      readonly id: number;
      readonly deployment: string;
      readonly adhoc: boolean;
    }
  | {
      readonly kind: "start" | "finish" | "stop";
      readonly org: number;
      readonly project: number;
      readonly id: number;
      readonly exitCode: number;
    };

const where = { org: fc.nat(1), project: fc.nat(1), id: fc.nat(2) };
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("request" as const), ...where, deployment: fc.constantFrom("prod", "staging"), adhoc: fc.boolean() }),
  fc.record({ kind: fc.constantFrom("start" as const, "finish" as const, "stop" as const), ...where, exitCode: fc.constantFrom(0, 1) }),
);

/** A fresh copy of a string, as every row a store returns brings its own. */
const fresh = (text: string): string => [...text].join("");

function eventOf(op: Op): DomainEvent {
  const ref = {
    organization: fresh(ORGS[op.org] as string),
    projectKey: fresh(PROJECTS[op.project] as string),
    executionId: fresh(IDS[op.id] as string),
  };
  switch (op.kind) {
    case "request":
      return {
        type: "ExecutionRequested",
        data: {
          ...ref,
          deployment: fresh(op.deployment),
          schedule: fresh("daily"),
          environment: fresh(op.deployment),
          commit: fresh("1".repeat(40)),
          trigger: op.adhoc ? "adhoc" : "scheduled",
        },
      };
    case "start":
      return { type: "ExecutionStarted", data: ref };
    case "finish":
      return { type: "ExecutionFinished", data: { ...ref, exitCode: op.exitCode } };
    case "stop":
      return { type: "ExecutionStopped", data: { ...ref, reason: fresh("User requested stop") } };
  }
}

const recordedAt = (event: DomainEvent, position: number): RecordedEvent => ({
  streamName: `execution-${(event.data as { executionId: string }).executionId}`,
  version: 1,
  globalPosition: position,
  eventId: `e${position}`,
  type: event.type,
  schemaVersion: 1,
  data: event.data,
  hash: "0".repeat(64),
  metadata: {
    actor: "system:test",
    occurredAt: new Date(Date.UTC(2023, 0, 1) + position * 60_000).toISOString(),
    correlationId: "c",
    causationId: "c",
    commandId: "c",
  },
});

interface ModelRow {
  deployment: string;
  trigger: string;
  requestedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  status: string;
  exitCode: number | null;
  stopReason: string | null;
}

/** The obvious fold: one record per (organization, project, id), replaced by a new request, updated by lifecycle events. */
function model(ops: readonly Op[]): Map<string, ModelRow> {
  const rows = new Map<string, ModelRow>();
  ops.forEach((op, i) => {
    const key = `${op.org}/${op.project}/${op.id}`;
    const at = recordedAt(eventOf(op), i + 1).metadata.occurredAt;
    if (op.kind === "request") {
      rows.set(key, {
        deployment: op.deployment,
        trigger: op.adhoc ? "adhoc" : "scheduled",
        requestedAt: at,
        startedAt: null,
        endedAt: null,
        status: "PENDING",
        exitCode: null,
        stopReason: null,
      });
      return;
    }
    const row = rows.get(key);
    if (row === undefined) return;
    if (op.kind === "start") Object.assign(row, { startedAt: at, status: "RUNNING" });
    else if (op.kind === "finish") Object.assign(row, { endedAt: at, status: "STOPPED", exitCode: op.exitCode });
    else Object.assign(row, { endedAt: at, status: "STOPPED", stopReason: "User requested stop" });
  });
  return rows;
}

describe("execution history against a model", () => {
  it("holds exactly what the obvious fold holds, however lifecycle events interleave across executions and tenants", () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 40 }), (ops) => {
        let state: ExecutionHistoryState = executionHistory.initialState();
        ops.forEach((op, i) => {
          const event = eventOf(op);
          state = executionHistory.apply(state, event, recordedAt(event, i + 1));
        });
        const expected = model(ops);
        for (const [o, org] of ORGS.entries()) {
          for (const [p, project] of PROJECTS.entries()) {
            expect(executionHistoryOf(state, org, project).rows.length).toBe(
              [...expected.keys()].filter((k) => k.startsWith(`${o}/${p}/`)).length,
            );
            for (const [i, id] of IDS.entries()) {
              const want = expected.get(`${o}/${p}/${i}`);
              const got = executionView(state, org, project, id);
              if (want === undefined) {
                expect(got).toBeUndefined();
                continue;
              }
              expect(got).toMatchObject({
                deployment: want.deployment,
                environment: want.deployment,
                trigger: want.trigger,
                executedAt: want.startedAt ?? want.requestedAt,
                endedAt: want.endedAt,
                status: want.status,
                exitCode: want.exitCode,
                stopReason: want.stopReason,
              });
            }
          }
        }
        // The checkpoint form round-trips to a state that answers the same and continues the same.
        const restored = executionHistory.fromJson(executionHistory.toJson(state));
        expect(executionHistory.toJson(restored)).toEqual(executionHistory.toJson(state));
      }),
      { numRuns: 500 },
    );
  });

  it("a state restored from its checkpoint at any point and fed the rest of the log equals one built in one go", () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 40 }), fc.nat(), (ops, at) => {
        const cut = at % (ops.length + 1);
        const fold = (state: ExecutionHistoryState, from: number, to: number): ExecutionHistoryState => {
          for (let i = from; i < to; i++) {
            const event = eventOf(ops[i] as Op);
            state = executionHistory.apply(state, event, recordedAt(event, i + 1));
          }
          return state;
        };
        const oneGo = fold(executionHistory.initialState(), 0, ops.length);
        // Through a JSON text, as a checkpoint store keeps it.
        const saved = JSON.parse(JSON.stringify(executionHistory.toJson(fold(executionHistory.initialState(), 0, cut)))) as JsonValue;
        const resumed = fold(executionHistory.fromJson(saved), cut, ops.length);
        expect(executionHistory.toJson(resumed)).toEqual(executionHistory.toJson(oneGo));
        for (const org of ORGS)
          for (const project of PROJECTS)
            expect(executionHistoryOf(resumed, org, project)).toEqual(executionHistoryOf(oneGo, org, project));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a malformed checkpoint (the runner then rebuilds) rather than serving a wrong history", () => {
    let state: ExecutionHistoryState = executionHistory.initialState();
    (["request", "start", "finish"] as const).forEach((kind, i) => {
      const event = eventOf({ kind, org: 0, project: 0, id: 0, deployment: "prod", adhoc: true, exitCode: 0 });
      state = executionHistory.apply(state, event, recordedAt(event, i + 1));
    });
    const good = JSON.stringify(executionHistory.toJson(state));
    expect(
      executionView(executionHistory.fromJson(JSON.parse(good) as JsonValue), ORGS[0] as string, PROJECTS[0] as string, IDS[0] as string),
    ).toMatchObject({ result: "Success" });
    type Columns = Record<string, unknown[]>;
    const tampered = (change: (columns: Columns, strings: unknown[]) => void): JsonValue => {
      const json = JSON.parse(good) as { strings: unknown[]; projects: [string, [string, Columns][]][] };
      change((json.projects[0] as [string, [string, Columns][]])[1][0]?.[1] as Columns, json.strings);
      return json as unknown as JsonValue;
    };
    const cases: [string, JsonValue][] = [
      ["not an object", [] as JsonValue],
      ["no strings", { projects: [] }],
      ["a pooled string that is not one", tampered((_c, strings) => strings.push(7))],
      ["columns of different lengths", tampered((c) => c["endedAt"]?.push(null))],
      ["a missing column", tampered((c) => delete c["commits"])],
      ["an unknown status", tampered((c) => (c["statuses"] = [9]))],
      ["a status given as text", tampered((c) => (c["statuses"] = ["0"]))],
      ["a pooled string out of range", tampered((c) => (c["commits"] = [99]))],
      ["a trigger that is not 0 or 1", tampered((c) => (c["adhoc"] = [2]))],
      ["a time that is not text", tampered((c) => (c["requestedAt"] = [12]))],
      ["an exit code that is not a number", tampered((c) => (c["exitCodes"] = ["0"]))],
    ];
    for (const [what, json] of cases) expect(() => executionHistory.fromJson(json), what).toThrow(TypeError);
  });
});
