import { readFileSync } from "node:fs";
import { SourceMap, type SourceMapPayload } from "node:module";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXTERNAL } from "../packages/cli/scripts/bundle.mjs";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { BUILT_CLI } from "./support/cli-process.js";

/*
 * packages/cli/dist/main.js is one ESM module graph (packages/cli/scripts/bundle.mjs): the workspace packages, fp-ts, io-ts and
 * commander inside it, loaded from a few files instead of hundreds, with a chunk per dynamically imported command group.
 */
const DIST = path.dirname(BUILT_CLI);
// The bundle is minified (`import{a as b}from"./chunks/x.js";`): an import or re-export statement names its module in
// the first string after it; a dynamic import is `import("…")`.
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?"([^"]+)"/g;
const DYNAMIC_IMPORT = /\bimport\(\s*"([^"]+)"\s*\)/g;

const read = (file: string): string => readFileSync(file, "utf8");
const mapOf = (file: string): SourceMapPayload => JSON.parse(read(`${file}.map`)) as SourceMapPayload;

function importsOf(file: string): { statics: string[]; dynamics: string[] } {
  const code = read(file);
  return {
    statics: [...code.matchAll(STATIC_IMPORT)].map((match) => match[1]!),
    dynamics: [...code.matchAll(DYNAMIC_IMPORT)].map((match) => match[1]!),
  };
}

/** The files Node loads before main.js runs: main.js and its static imports, transitively. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file).statics) if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier));
  };
  visit(entry);
  return seen;
}

/** Every bundle file reachable from main.js, statically or through a dynamic import. */
function everyFile(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const { statics, dynamics } = importsOf(file);
    for (const specifier of [...statics, ...dynamics]) if (specifier.startsWith(".")) visit(path.resolve(path.dirname(file), specifier));
  };
  visit(entry);
  return seen;
}

const sourcesOf = (files: Iterable<string>): string[] =>
  [...files].flatMap((file) => mapOf(file).sources.map((source) => path.resolve(path.dirname(file), source)));

beforeAll(() => ensurePackagesBuilt(), 600_000);

describe("the bundled cloud-ledger command", () => {
  it("imports nothing from node_modules at run time but the native store clients it leaves external", () => {
    const bare = [...everyFile(BUILT_CLI)]
      .flatMap((file) => {
        const { statics, dynamics } = importsOf(file);
        return [...statics, ...dynamics];
      })
      .filter((specifier) => !specifier.startsWith(".") && !specifier.startsWith("node:"));
    expect(bare.length).toBeGreaterThan(0);
    for (const specifier of bare) expect(EXTERNAL, specifier).toContain(specifier);
  });

  it("bundles the workspace packages from their TypeScript sources", () => {
    const sources = sourcesOf(everyFile(BUILT_CLI));
    for (const name of ["domain", "projections", "adapters", "cli"])
      expect(
        sources.some((source) => source.includes(`${path.sep}packages${path.sep}${name}${path.sep}src${path.sep}`)),
        name,
      ).toBe(true);
  });

  it("loads a command group's code only when its command runs: main.js's static imports hold no command", () => {
    const loadedFirst = sourcesOf(staticClosure(BUILT_CLI));
    expect(loadedFirst.some((source) => source.endsWith(path.join("cli", "src", "command-groups.ts")))).toBe(true);
    expect(loadedFirst.filter((source) => source.includes(`${path.sep}commands${path.sep}`))).toEqual([]);
    expect(loadedFirst.filter((source) => /[/\\](fp-ts|io-ts|better-sqlite3)[/\\]/.test(source))).toEqual([]);
    // Each group is its own dynamically imported chunk: as many dynamic imports in main.js as command groups.
    const groups = read(path.join(path.dirname(BUILT_CLI), "..", "src", "command-groups.ts")).match(/import\("\.\//g)?.length;
    expect(importsOf(BUILT_CLI).dynamics.length).toBe(groups);
  });

  it("maps its code back to the original files and lines (stack traces under --enable-source-maps)", () => {
    const code = read(BUILT_CLI).split("\n");
    const line = code.findIndex((text) => /\bCOMMAND_GROUPS=/.test(text));
    expect(line).toBeGreaterThan(0);
    const entry = new SourceMap(mapOf(BUILT_CLI)).findEntry(line, code[line]!.search(/\bCOMMAND_GROUPS=/));
    expect("originalSource" in entry && path.resolve(DIST, entry.originalSource)).toBe(
      path.resolve(DIST, "..", "src", "command-groups.ts"),
    );
    const original = read(path.resolve(DIST, "..", "src", "command-groups.ts")).split("\n");
    expect("originalLine" in entry && original[entry.originalLine]).toContain("COMMAND_GROUPS");
  });
});
