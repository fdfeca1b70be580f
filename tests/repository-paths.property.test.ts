import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { localRepositoryPath, normalizeRepositoryUrl } from "@cloud-ledger/domain";
import { locateRepository } from "../packages/adapters/src/git/repository-location.js";
import { repositoryArgument } from "../packages/cli/src/runtime/repository-argument.js";

// A local repository is canonicalized once (domain), and the folder read back (adapter) is exactly the folder named.
const base = mkdtempSync(path.join(tmpdir(), "cloud-ledger-repo-paths-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const awkward = [
  ...["#", "%", "?", " ", "\\", ".", "..", "%2E%2E", "%2e", "%23", "%25", "é", "日本", "😀", "\t"],
  ...["!", "'", "(", "*", "~", "C|", "C:", "@", "+", "&", "=", ";"],
];
/** One folder name: plain and awkward pieces glued together (never empty, `.` or `..`, which name no new folder). */
const segment = fc
  .array(fc.oneof(fc.constantFrom(...awkward), fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 3 })), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => parts.join("").replaceAll("/", "_").replaceAll("\0", "_"))
  .filter((name) => name !== "." && name !== ".." && Buffer.byteLength(name) < 200);
const folder = fc.array(segment, { minLength: 1, maxLength: 3 });

const canonical = (input: string): string => {
  const result = normalizeRepositoryUrl(input);
  if (result._tag === "Left") throw new Error(`refused ${JSON.stringify(input)}: ${result.left}`);
  return result.right;
};

describe("local repository paths", () => {
  it("canonical -> location -> canonical is the identity, and the location is the folder named", async () => {
    await fc.assert(
      fc.asyncProperty(folder, async (segments) => {
        const directory = path.join(base, ...segments);
        mkdirSync(directory, { recursive: true });
        const key = canonical(repositoryArgument(directory));
        expect(canonical(key)).toBe(key);
        expect(canonical(directory)).toBe(key);
        // What node's pathToFileURL makes of the folder (the embedding example's spelling) decodes to it too.
        expect(canonical(pathToFileURL(directory).href)).toBe(key);
        expect(localRepositoryPath(key)).toBe(directory);
        const location = await locateRepository(key, { baseDirectory: "/nowhere", mirrors: {} });
        expect(location).toEqual({ _tag: "Right", right: directory });
        expect(canonical(repositoryArgument(path.relative(process.cwd(), directory)))).toBe(key);
      }),
      { numRuns: 150 },
    );
  });

  it("two different folders never share a canonical form", () => {
    fc.assert(
      fc.property(folder, folder, (first, second) => {
        const a = path.join("/srv", ...first);
        const b = path.join("/srv", ...second);
        fc.pre(a !== b);
        expect(canonical(a)).not.toBe(canonical(b));
      }),
      { numRuns: 500 },
    );
  });

  it("a file URL's query or fragment is refused, never silently dropped", () => {
    for (const url of ["file:///srv/data#evil", "file:///srv/data?x", "file:///srv/data#", "file:///srv/data?"]) {
      expect(normalizeRepositoryUrl(url)).toMatchObject({ _tag: "Left", left: expect.stringMatching(/query or fragment/) as unknown });
    }
    expect(canonical("file:///srv/data%23evil")).toBe("file:///srv/data%23evil");
    expect(localRepositoryPath("file:///srv/data%23evil")).toBe("/srv/data#evil");
    // Encoded dots in a URL are dot segments (as in every URL); the literal folder is written %252E%252E.
    expect(canonical("file:///srv/x/%2E%2E/data")).toBe("file:///srv/data");
    expect(localRepositoryPath(canonical("/srv/x/%2E%2E/data"))).toBe("/srv/x/%2E%2E/data");
    expect(localRepositoryPath("file:///srv/x/%2E%2E/data")).toBeUndefined();
  });
});
