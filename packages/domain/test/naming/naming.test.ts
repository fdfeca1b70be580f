import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  SLUG_PATTERN,
  Slug,
  SlugFromName,
  deploymentStream,
  executionStream,
  normalizeRepositoryUrl,
  normalizeRootPath,
  organizationNameStream,
  organizationStream,
  parseStreamName,
  projectStream,
  slugify,
  slugOf,
  streamKeyOf,
  streamNameOf,
  userStream,
  type StreamId,
} from "@cloud-ledger/domain";
import { EXECUTION, ORG, PK } from "../support/fixtures.js";

describe("slugify, as python-slugify does it (rule 11)", () => {
  it.each([
    ["UlTrA  \tPrOdUcTiOn", "ultra-production"],
    ["prod", "prod"],
    ["  --Prod--  ", "prod"],
    ["Café Déploiement", "cafe-deploiement"],
    ["a_b.c/d", "a-b-c-d"],
    ["it's", "it-s"],
    ["!!!", ""],
  ])("%j -> %j", (input, slug) => {
    expect(slugify(input)).toBe(slug);
  });

  it("always yields a valid slug or nothing, and is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (input) => {
        const slug = slugify(input);
        expect(slug === "" || SLUG_PATTERN.test(slug)).toBe(true);
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });
});

describe("the slug rule as one codec (rule 11)", () => {
  it("decodes a typed name into its slug, and refuses one with no letter or digit", () => {
    expect(SlugFromName.decode("  UlTrA  Prod! ")).toEqual({ _tag: "Right", right: "ultra-prod" });
    expect(SlugFromName.decode("!!!")._tag).toBe("Left");
    expect(SlugFromName.decode(42)._tag).toBe("Left");
    expect(slugOf("!!!")).toBeUndefined();
  });

  it("agrees with slugify, and what it decodes is a Slug that decodes to itself", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.stringMatching(/^[ A-Za-z0-9_!-]{0,20}$/)), (name) => {
        const slug = slugify(name);
        const decoded = SlugFromName.decode(name);
        expect(slugOf(name)).toBe(slug === "" ? undefined : slug);
        expect(decoded).toEqual(slug === "" ? expect.objectContaining({ _tag: "Left" }) : { _tag: "Right", right: slug });
        if (decoded._tag === "Right") {
          expect(Slug.is(decoded.right)).toBe(true);
          expect(SlugFromName.is(decoded.right)).toBe(true);
          expect(SlugFromName.decode(SlugFromName.encode(decoded.right))).toEqual(decoded);
        }
      }),
    );
  });
});

describe("repository URLs", () => {
  it.each([
    ["git@github.com:Acme/Data.git", "https://github.com/acme/data"],
    ["https://GitHub.com/Acme/Data/", "https://github.com/acme/data"],
    ["ssh://git@github.com/acme/data.git", "https://github.com/acme/data"],
    ["https://gitlab.example.com/Group/Sub/Repo.git", "https://gitlab.example.com/Group/Sub/Repo"],
    ["/srv/git/acme.git/", "file:///srv/git/acme.git"],
    ["file:///srv/git/acme", "file:///srv/git/acme"],
    ["/srv/git/a#b", "file:///srv/git/a%23b"],
    ["file:///srv/git/acme%20data", "file:///srv/git/acme%20data"],
    ["file:///srv/git/acme data", "file:///srv/git/acme%20data"],
  ])("%j -> %j", (input, normalized) => {
    const result = normalizeRepositoryUrl(input);
    expect(result._tag === "Right" && result.right).toBe(normalized);
  });

  it.each(["", "relative/path", "ftp://x.org/a", "https://github.com/acme", "https://github.com/a/b?x=1", "file://host/x", "/a/../b"])(
    "refuses %j",
    (input) => {
      expect(normalizeRepositoryUrl(input)._tag).toBe("Left");
    },
  );
});

describe("root paths", () => {
  it.each([
    [undefined, "."],
    ["", "."],
    [".", "."],
    ["./", "."],
    ["meltano/", "meltano"],
    ["./a//b/./c", "a/b/c"],
    ["a/../b", "b"],
  ])("%j -> %j", (input, normalized) => {
    const result = normalizeRootPath(input);
    expect(result._tag === "Right" && result.right).toBe(normalized);
  });

  it("refuses control characters: a newline would name another object on git cat-file's stdin", () => {
    for (const input of ["a\nHEAD:other", "a\rb", "a\u0000b", "a\tb"]) expect(normalizeRootPath(input)._tag).toBe("Left");
  });

  it("never escapes the repository", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", ".", "..", ""), { maxLength: 8 }), (segments) => {
        const path = segments.join("/");
        const result = normalizeRootPath(path);
        if (result._tag === "Right") expect(result.right === "." || !result.right.split("/").includes("..")).toBe(true);
        let depth = 0;
        let escapes = false;
        for (const s of segments) {
          if (s === "..") depth -= 1;
          else if (s !== "." && s !== "") depth += 1;
          if (depth < 0) escapes = true;
        }
        // A leading "/" makes the path absolute, which is refused as well.
        expect(result._tag === "Left").toBe(escapes || path.startsWith("/"));
      }),
    );
  });
});

describe("stream names", () => {
  const ids: StreamId[] = [
    { kind: "user", githubUserId: "583231" },
    { kind: "organization", organization: ORG },
    { kind: "organization-name", name: "acme-data" },
    { kind: "project", projectKey: PK },
    { kind: "deployment", projectKey: PK, deployment: "ultra-production" },
    { kind: "execution", executionId: EXECUTION },
  ];

  it.each(ids)("round-trips $kind", (id) => {
    expect(parseStreamName(streamNameOf(id))).toEqual(id);
  });

  it("builds the documented names from stable keys", () => {
    expect([
      userStream("1"),
      organizationStream(ORG),
      organizationNameStream("acme"),
      projectStream(PK),
      deploymentStream(PK, "prod"),
      executionStream(EXECUTION),
    ]).toEqual([
      "user-1",
      `organization-${ORG}`,
      "organization-name-acme",
      `project-${PK}`,
      `deployment-${PK}.prod`,
      `execution-${EXECUTION}`,
    ]);
    expect(streamKeyOf({ kind: "deployment", projectKey: PK, deployment: "prod" })).toBe(`${PK}.prod`);
  });

  it.each(["", "user-", "user-abc", "organization-acme", `deployment-${PK}`, `deployment-${PK}.Prod`, "execution-XYZ", "snapshot-1"])(
    "rejects %j",
    (name) => {
      expect(parseStreamName(name)).toBeUndefined();
    },
  );
});
