import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { ManifestSource } from "@cloud-ledger/domain";

/**
 * Folders never searched for included files: git's store, Meltano's own install folder (plugin virtualenvs,
 * thousands of files) and node_modules. No project keeps its configuration there.
 */
export const SKIPPED_FOLDERS: readonly string[] = [".git", ".meltano", "node_modules"];

/**
 * A Meltano project folder as a ManifestSource. Files are listed once, on first use, without following
 * symbolic links (a link cycle cannot hang the walk); reads are confined to the folder.
 */
export function readProjectFromDirectory(root: string): ManifestSource {
  const base = resolve(root);
  let files: readonly string[] | undefined;
  return {
    listFiles: () => (files ??= listFilesUnder(base)),
    readFile: (path) => {
      const absolute = resolve(base, path);
      const inside = relative(base, absolute);
      if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return undefined;
      try {
        return readFileSync(absolute, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

function listFilesUnder(base: string): string[] {
  const files: string[] = [];
  const walk = (folder: string): void => {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return; // An unreadable folder holds nothing we can include.
    }
    for (const name of names.sort()) {
      const path = join(folder, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory() === true) {
        if (!SKIPPED_FOLDERS.includes(name)) walk(path);
      } else if (stat?.isFile() === true) {
        files.push(relative(base, path).split(sep).join("/"));
      }
    }
  };
  walk(base);
  return files;
}
