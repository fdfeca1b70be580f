import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Either } from "fp-ts/lib/Either.js";
import type { GitResolution, GitResolveError, GitResolver } from "@cloud-ledger/domain";

/*
 * One result style across ports: an expected failure is a Left (as in every decider and codec), never an `{ ok }`
 * object beside it. Failures of the machine itself (a missing binary, a lost connection) reject the promise instead.
 */
const PORTS = new URL("../../src/ports/", import.meta.url);

describe("port results", () => {
  it("the git port resolves to an Either of a typed error and a resolution", () => {
    expectTypeOf<Awaited<ReturnType<GitResolver["resolve"]>>>().toEqualTypeOf<Either<GitResolveError, GitResolution>>();
  });

  it("no port declares an { ok } result", () => {
    const files = readdirSync(PORTS).filter((name) => name.endsWith(".ts"));
    expect(files).toContain("git.ts");
    const offenders = files.filter((name) => /\bok\s*:\s*(true|false|boolean)\b/.test(readFileSync(new URL(name, PORTS), "utf8")));
    expect(offenders).toEqual([]);
  });
});
