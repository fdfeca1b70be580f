import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { ManifestSource } from "@cloud-ledger/domain";

export const FIXTURES = fileURLToPath(new URL("../fixtures/meltano-projects/", import.meta.url));

/** An in-memory project: path → text. */
export function memorySource(files: Readonly<Record<string, string>>): ManifestSource {
  return { listFiles: () => Object.keys(files), readFile: (path) => (Object.hasOwn(files, path) ? files[path] : undefined) };
}

/** A fixture project folder loaded into memory (the domain never touches the file system itself). */
export function fixtureSource(projectRoot: string): ManifestSource {
  const root = join(FIXTURES, projectRoot);
  const files: Record<string, string> = {};
  for (const path of walk(root)) files[relative(root, path).split(sep).join("/")] = readFileSync(path, "utf8");
  return memorySource(files);
}

function walk(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Every folder under the fixtures holding a `meltano.yml`, relative to the fixtures folder. */
export function fixtureProjectRoots(): string[] {
  return walk(FIXTURES)
    .filter((path) => path.endsWith(`${sep}meltano.yml`))
    .map((path) => relative(FIXTURES, path).split(sep).slice(0, -1).join("/"))
    .sort();
}
