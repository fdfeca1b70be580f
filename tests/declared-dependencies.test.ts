import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGES, REPOSITORY_ROOT } from "./support/build-packages.js";

/*
 * A package's manifest must say what its published code really needs: every runtime dependency is imported by its
 * source, and what only `@cloud-ledger/domain/testing` imports (fast-check) is an optional peer, never a dependency
 * the root export would drag into every embedding service.
 */
interface Manifest {
  readonly dependencies?: Record<string, string>;
  readonly name?: string;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { readonly optional?: boolean }>;
}

const manifestOf = (name: string): Manifest =>
  JSON.parse(readFileSync(path.join(REPOSITORY_ROOT, "packages", name, "package.json"), "utf8")) as Manifest;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(folder, file));
}

const IMPORT = /(?:from|import)\s*\(?\s*"([^"]+)"/g;

/** The packages a file imports ("fp-ts/lib/Either.js" -> "fp-ts", "@scope/name/x" -> "@scope/name"), builtins aside. */
function importedPackages(file: string): Set<string> {
  const found = new Set<string>();
  for (const [, specifier] of readFileSync(file, "utf8").matchAll(IMPORT)) {
    if (specifier === undefined || specifier.startsWith(".") || specifier.startsWith("node:")) continue;
    const parts = specifier.split("/");
    found.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string));
  }
  return found;
}

/** Relative imports reachable from `entry`: the module graph the root export publishes. */
function reachableFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(IMPORT)) {
      if (specifier?.startsWith(".")) pending.push(path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")));
    }
  }
  return seen;
}

describe("declared dependencies", () => {
  it.each(PACKAGES)("every runtime dependency of %s is imported by its source", (name) => {
    const imported = new Set(
      sourceFiles(path.join(REPOSITORY_ROOT, "packages", name, "src")).flatMap((file) => [...importedPackages(file)]),
    );
    // A dependency may also be there to supply a peer of a workspace package it uses (the CLI installs the drivers).
    const workspacePeers = PACKAGES.map(manifestOf)
      .filter((other) => other.name !== undefined && imported.has(other.name))
      .flatMap((other) => Object.keys(other.peerDependencies ?? {}));
    const needed = new Set([...imported, ...workspacePeers]);
    const unused = Object.keys(manifestOf(name).dependencies ?? {}).filter((dependency) => !needed.has(dependency));
    expect(unused, `declared by ${name} but never imported`).toEqual([]);
  });

  it("fast-check is an optional peer of the domain that its root export never imports", () => {
    const manifest = manifestOf("domain");
    expect(manifest.dependencies?.["fast-check"]).toBeUndefined();
    expect(manifest.peerDependencies?.["fast-check"]).toBeDefined();
    expect(manifest.peerDependenciesMeta?.["fast-check"]?.optional).toBe(true);
    const root = reachableFrom(path.join(REPOSITORY_ROOT, "packages", "domain", "src", "index.ts"));
    const importers = [...root].filter((file) => importedPackages(file).has("fast-check"));
    expect(importers).toEqual([]);
    expect(root.size).toBeGreaterThan(20);
  });
});
