import { readFileSync } from "node:fs";
import type { SourceMapPayload } from "node:module";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensurePackagesBuilt } from "./support/build-packages.js";
import { BUILT_CLI } from "./support/cli-process.js";

/*
 * Issue 13: `schedule list` answers its "Runs / Day" labels from the cache in the read-model rows
 * (packages/projections/src/persisted/runs-per-day-labels.ts) and loads the cron code, cron-parser and luxon, only for
 * the labels the cache lacks. Loading them cost a read ~30-60 ms (bench group `reads`), so no file a read command
 * loads before it runs may carry them: only a dynamic import, followed on a cache miss, may lead there.
 */
const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?"([^"]+)"/g;
const DYNAMIC_IMPORT = /\bimport\(\s*"([^"]+)"\s*\)/g;
const CRON_CODE = /[/\\]node_modules[/\\](?:\.pnpm[/\\][^/\\]+[/\\]node_modules[/\\])?(cron-parser|luxon)[/\\]/;

const read = (file: string): string => readFileSync(file, "utf8");
const specifiers = (file: string, pattern: RegExp): string[] =>
  [...read(file).matchAll(pattern)].map((match) => match[1]!).filter((specifier) => specifier.startsWith("."));
const resolve = (from: string, specifier: string): string => path.resolve(path.dirname(from), specifier);

/** A file and everything it imports statically, transitively: what Node loads before its code runs. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of specifiers(file, STATIC_IMPORT)) visit(resolve(file, specifier));
  };
  visit(entry);
  return seen;
}

const sourcesOf = (files: Iterable<string>): string[] =>
  [...files].flatMap((file) =>
    (JSON.parse(read(`${file}.map`)) as SourceMapPayload).sources.map((source) => path.resolve(path.dirname(file), source)),
  );
const endsWith = (sources: readonly string[], ...parts: string[]): boolean => sources.some((s) => s.endsWith(path.join(...parts)));

/** The chunk main.js imports for a command group, and what loading it loads. */
function commandGroup(file: string): { chunk: string; sources: string[] } {
  for (const specifier of specifiers(BUILT_CLI, DYNAMIC_IMPORT)) {
    const chunk = resolve(BUILT_CLI, specifier);
    const sources = sourcesOf(staticClosure(chunk));
    if (endsWith(sources, "cli", "src", "commands", file)) return { chunk, sources };
  }
  throw new Error(`main.js imports no chunk holding commands/${file}`);
}

beforeAll(() => ensurePackagesBuilt(), 600_000);

describe("the bundled CLI's read commands load no cron code until a runs/day label misses the cache", () => {
  it("schedule: the label cache is loaded with the command, cron-parser and luxon are not", () => {
    const { sources } = commandGroup("schedule.ts");
    expect(endsWith(sources, "projections", "src", "persisted", "runs-per-day-labels.ts")).toBe(true);
    expect(sources.filter((source) => CRON_CODE.test(source))).toEqual([]);
    expect(endsWith(sources, "domain", "src", "schedule-timing", "cron-ticks.ts")).toBe(false);
  });

  it("schedule: a cache miss reaches the counting code, with cron-parser and luxon, through a dynamic import", () => {
    const { chunk } = commandGroup("schedule.ts");
    const lazy = [...staticClosure(chunk)].flatMap((file) => specifiers(file, DYNAMIC_IMPORT).map((s) => resolve(file, s)));
    const counting = lazy.find((file) => endsWith(sourcesOf(staticClosure(file)), "schedule-matrix", "cell-label.ts"));
    expect(counting).toBeDefined();
    const loaded = sourcesOf(staticClosure(counting!));
    for (const name of ["cron-parser", "luxon"])
      expect(
        loaded.some((s) => CRON_CODE.exec(s)?.[1] === name),
        name,
      ).toBe(true);
  });

  it("history: the other read of the bench group that holds no credits code loads none either", () => {
    // (`org` still does: org-credits.ts folds the credits stream with the credits decider, which classifies runs.)
    expect(commandGroup("history.ts").sources.filter((source) => CRON_CODE.test(source))).toEqual([]);
  });
});
