import { describe, expect, it } from "vitest";
import { CorruptEventError } from "@cloud-ledger/domain";
import { SchemaTooNewError } from "@cloud-ledger/adapters/sqlite";
import { rebuildError, toTransferredError } from "../../src/sqlite-pages/transfer-errors.js";
import { hasSourceCondition } from "../../src/sqlite-pages/worker-launch.js";

/** What crosses the thread boundary is structured-cloned: clone it here too, so nothing survives by reference. */
const roundTrip = (error: unknown): Error => rebuildError(structuredClone(toTransferredError(error)));

describe("errors crossing from the page worker", () => {
  it("a CorruptEventError comes back as one, with its fields, message and the worker's stack", () => {
    const original = new CorruptEventError("exec-1", 7, "metadata.actor is missing or not a string");
    const copy = roundTrip(original);
    expect(copy).toBeInstanceOf(CorruptEventError);
    expect(copy).toMatchObject({ name: "CorruptEventError", streamName: "exec-1", version: 7, reason: original.reason, message: original.message });
    expect(copy.stack).toBe(original.stack);
  });

  it("a SchemaTooNewError comes back as one", () => {
    const copy = roundTrip(new SchemaTooNewError("events", 9, 1));
    expect(copy).toBeInstanceOf(SchemaTooNewError);
    expect(copy).toMatchObject({ component: "events", found: 9, known: 1 });
  });

  it("RangeError and TypeError keep their class", () => {
    expect(roundTrip(new RangeError("limit must be >= 1"))).toBeInstanceOf(RangeError);
    expect(roundTrip(new TypeError("bad"))).toMatchObject({ name: "TypeError", message: "bad" });
  });

  it("any other error keeps its name, message and primitive fields (a driver's code, a path)", () => {
    const original = Object.assign(new Error("ENOENT: no such file or directory, access '/x.db'"), { code: "ENOENT", errno: -2, path: "/x.db", nested: { no: 1 } });
    const copy = roundTrip(original);
    expect(copy).toMatchObject({ name: "Error", message: original.message, code: "ENOENT", errno: -2, path: "/x.db" });
    expect(copy).not.toHaveProperty("nested");
    class SqliteError extends Error {
      override readonly name = "SqliteError";
      readonly code = "SQLITE_NOTADB";
    }
    expect(roundTrip(new SqliteError("file is not a database"))).toMatchObject({ name: "SqliteError", code: "SQLITE_NOTADB" });
  });

  it("fields that do not fit the class fall back to a plain Error of that name", () => {
    const copy = rebuildError({ name: "CorruptEventError", message: "odd", fields: { streamName: "s" } });
    expect(copy).not.toBeInstanceOf(CorruptEventError);
    expect(copy).toMatchObject({ name: "CorruptEventError", message: "odd", streamName: "s" });
  });

  it("a thrown non-Error becomes an Error saying what was thrown", () => {
    expect(roundTrip("boom")).toMatchObject({ name: "Error", message: "sqlite page worker failed: boom" });
  });
});

describe("the worker's export condition", () => {
  it.each([
    [["--conditions", "source"], true],
    [["--conditions=source"], true],
    [["-C", "source"], true],
    [["--conditions", "node", "--conditions", "source"], true],
    [["--conditions", "node"], false],
    [["--import", "source"], false],
    [[], false],
  ])("%j -> %s", (args, expected) => expect(hasSourceCondition(args)).toBe(expected));
});
