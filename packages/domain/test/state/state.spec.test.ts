import { describe, expect, it } from "vitest";
import {
  MAX_STATE_BYTES,
  MAX_STATE_DEPTH,
  MAX_STATE_FILE_BYTES,
  bookmarkDecider,
  decodeControlPlaneCommand,
  normalizeStateContent,
  parseStateFile,
  parseStreamName,
  stateContentProblem,
  stateEventSerde,
  stateIdProblem,
  stateStream,
  streamKeyMismatch,
  type RecordedEvent,
  type StateEvent,
} from "@cloud-ledger/domain";
import { deciderSpec } from "@cloud-ledger/domain/testing";
import { ORG, OTHER_ORG, PK } from "../support/fixtures.js";

const spec = deciderSpec(bookmarkDecider);
const ID = "prod:tap-github-to-target-jsonl";
const on = { organization: ORG, projectKey: PK, stateId: ID } as const;
const A = "a".repeat(64);
const B = "b".repeat(64);
const contentA = { completed: { singer_state: { bookmarks: { issues: { since: "2023-09-01" } } } } };
const contentB = { partial: { singer_state: { bookmarks: { issues: { since: "2023-09-02" } } } } };
const setA: StateEvent = { type: "StateSet", data: { ...on, content: contentA, digest: A } };
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("rule 51: state IDs read <environment>:<extractor>-to-<loader>[:<suffix>]", () => {
  it.each(["dev:tap-github-to-target-jsonl", "prod:tap-hubspot-to-target-redshift", "prod:tap-a-to-target-b:nightly", "e:a-to-b:x:y"])(
    "accepts %j",
    (id) => expect(stateIdProblem(id)).toBeUndefined(),
  );

  it.each([
    ["", "must not be empty"],
    ["tap-github-to-target-jsonl", "must have the form"],
    [":tap-a-to-target-b", "empty environment name"],
    ["dev:tap-github", "'<extractor>-to-<loader>'"],
    ["dev:-to-target", "'<extractor>-to-<loader>'"],
    ["dev:tap-to-", "'<extractor>-to-<loader>'"],
    // A ':' inside a plugin name ends the pipeline early: 'tap:github' is not a plugin name (rule 51).
    ["dev:tap:github-to-target", "'<extractor>-to-<loader>'"],
    ["dev:tap-a-to-target-b:", "empty suffix"],
    ["dev:tap-a-to-target b", "whitespace"],
    ["dev:tap-a-to-target-\u001b[31m", "U+001B"],
    [`dev:tap-a-to-${"t".repeat(300)}`, "longer than 255"],
  ])("refuses %j, naming the problem", (id, expected) => expect(stateIdProblem(id)).toContain(expected));

  it("the command codec says what is wrong with a state id", () => {
    const decoded = decodeControlPlaneCommand({ type: "DeleteState", organization: ORG, projectKey: PK, stateId: "dev:tap-github" });
    expect(decoded._tag === "Left" && decoded.left).toMatchObject({ code: "invalid-command", field: "stateId" });
    expect(decoded._tag === "Left" && decoded.left.message).toContain("'<extractor>-to-<loader>'");
  });
});

describe("rule 52: a set replaces the whole state; completed.singer_state or partial.singer_state", () => {
  it("records the first content in full, with its digest and no previous digest", () => {
    spec
      .given([])
      .when({ type: "SetState", ...on, content: contentA, digest: A })
      .then([setA]);
  });

  it("a second set replaces the content and records the digest of what it replaced", () => {
    spec
      .given([setA])
      .when({ type: "SetState", ...on, content: contentB, digest: B })
      .then([{ type: "StateSet", data: { ...on, content: contentB, digest: B, previousDigest: A } }]);
  });

  it("setting the same content again changes nothing, so nothing is recorded", () => {
    spec
      .given([setA])
      .when({ type: "SetState", ...on, content: contentA, digest: A })
      .thenNothing();
  });

  it("a delete records the digest of the content it removed; the next set starts afresh", () => {
    const deleted: StateEvent = { type: "StateDeleted", data: { ...on, previousDigest: A } };
    spec
      .given([setA])
      .when({ type: "DeleteState", ...on })
      .then([deleted]);
    spec
      .given([setA, deleted])
      .when({ type: "SetState", ...on, content: contentB, digest: B })
      .then([{ type: "StateSet", data: { ...on, content: contentB, digest: B } }]);
  });

  it("deleting a state that is not there is refused with 'No state found for ID'", () => {
    const error = spec
      .given([])
      .when({ type: "DeleteState", ...on })
      .thenFails((e) => e.code === "state-not-found");
    expect(error.message).toBe(`No state found for ${ID}`);
    spec
      .given([setA])
      .when({ type: "DeleteState", ...on, organization: OTHER_ORG })
      .thenFails((e) => e.code === "state-not-found");
  });

  it("a bare {singer_state} is wrapped under 'completed' (not the Meltano Cloud CLI's 'complete')", () => {
    const bare = { singer_state: { bookmarks: {} } };
    expect(normalizeStateContent(bare)).toEqual({ completed: { singer_state: { bookmarks: {} } } });
    expect(stateContentProblem(normalizeStateContent(bare))).toBeUndefined();
    expect(stateContentProblem({ complete: { singer_state: {} } })).toContain('not "complete"');
  });

  it.each([
    [[], "must be a JSON object"],
    [{}, "must contain 'completed.singer_state' or 'partial.singer_state'"],
    [{ completed: {}, partial: {} }, "must contain"],
    [{ completed: { singer_state: [] } }, "'completed.singer_state' must be an object"],
    [{ completed: "x" }, "'completed' must be an object"],
    [{ completed: { singer_state: {}, extra: 1 } }, "may only hold 'singer_state'"],
    [{ completed: { singer_state: {} }, other: 1 }, "may only hold 'completed' and 'partial'"],
    [{ completed: { singer_state: { ["__proto__"]: 1 } } }, "'__proto__' key"],
    [{ completed: { singer_state: { n: Number.POSITIVE_INFINITY } } }, "not a finite number"],
    [{ completed: { singer_state: { s: "\ud800" } } }, "lone surrogate"],
  ])("refuses the content %j, naming the problem", (content, expected) => {
    expect(stateContentProblem(content)).toContain(expected);
  });
});

describe("rule 52: a state file is validated and bounded before anything is stored", () => {
  const ok = (text: string) => parseStateFile(utf8(text));
  const reason = (text: string | Uint8Array): string => {
    const parsed = parseStateFile(typeof text === "string" ? utf8(text) : text);
    if (parsed._tag === "Right") throw new Error("expected a refusal");
    expect(parsed.left.code).toBe("state-invalid");
    return parsed.left.reason;
  };

  it("reads completed, partial and bare singer_state files", () => {
    expect(ok('{"completed": {"singer_state": {"a": 1}}}')).toEqual({ _tag: "Right", right: { completed: { singer_state: { a: 1 } } } });
    expect(ok('\ufeff{"singer_state": {"a": 1}}')._tag).toBe("Right");
  });

  it("refuses what is not JSON, not UTF-8, too large, too deep, or a rounded integer", () => {
    expect(reason("{nope")).toContain("not JSON");
    expect(reason(new Uint8Array([0x7b, 0xff, 0x7d]))).toContain("not valid UTF-8");
    expect(reason(new Uint8Array(MAX_STATE_FILE_BYTES + 1))).toContain(`larger than ${MAX_STATE_FILE_BYTES} bytes`);
    expect(reason(`${"[".repeat(500_000)}${"]".repeat(500_000)}`)).toContain(`deeper than ${MAX_STATE_DEPTH}`);
    expect(reason('{"completed": {"singer_state": {"lsn": 12345678901234567890}}}')).toContain("beyond 2^53 - 1");
    expect(reason('{"completed": {"singer_state": {"n": 1e400}}}')).toContain("not a finite number");
    expect(reason('{"completed": {"singer_state": {"s": "\\ud800"}}}')).toContain("lone surrogate");
    expect(reason('{"completed": {"singer_state": {"__proto__": {"polluted": true}}}}')).toContain("'__proto__' key");
    // Strings may hold brackets and digits without confusing the scan.
    expect(ok('{"completed": {"singer_state": {"s": "[[[ 99999999999999999999 \\" ]"}}}')._tag).toBe("Right");
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it(`refuses content over ${MAX_STATE_BYTES} bytes of canonical JSON even when the file is within its limit`, () => {
    const big = JSON.stringify({ completed: { singer_state: { blob: "é".repeat(MAX_STATE_BYTES / 2) } } });
    expect(reason(big)).toContain(`over the limit of ${MAX_STATE_BYTES}`);
  });

  it("a hostile file is refused in bounded time", () => {
    const started = performance.now();
    reason(`{"completed": {"singer_state": {"a": ${"[".repeat(MAX_STATE_FILE_BYTES - 64)}`);
    reason(`{"completed": {"singer_state": {"n": ${"9".repeat(MAX_STATE_FILE_BYTES - 64)}}}}`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("rule 53: state is kept per project, so deployments of one environment share state IDs", () => {
  it("the stream is the project's and the state id's, naming no deployment", () => {
    const stream = stateStream(PK, ID);
    expect(stream).toBe(`state-${PK}.${ID}`);
    expect(parseStreamName(stream)).toEqual({ kind: "state", projectKey: PK, stateId: ID });
    expect(parseStreamName(`state-${PK}.dev:no-pipeline`)).toBeUndefined();
  });

  it("an event filed under another bookmark's stream is a fault", () => {
    const id = parseStreamName(stateStream(PK, "dev:tap-a-to-target-b"))!;
    expect(streamKeyMismatch(id, setA.data)).toContain("stateId");
  });

  it("events round-trip through the state stream's serde", () => {
    // The serde reads only type, version and data of a recorded event.
    const encoded = stateEventSerde.encode(setA) as RecordedEvent;
    expect(stateEventSerde.decode(encoded)).toEqual({ _tag: "Right", right: setA });
    const bad = { ...encoded, data: { ...setA.data, content: { completed: {} } } } as RecordedEvent;
    expect(stateEventSerde.decode(bad)._tag).toBe("Left");
  });
});
