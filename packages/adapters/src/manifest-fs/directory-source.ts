import { lstatSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import {
  MANIFEST_FILE_BYTE_LIMIT,
  MANIFEST_TOTAL_BYTE_LIMIT,
  manifestIsALink,
  manifestTooLarge,
  manifestTotalTooLarge,
  ProjectFileRefusedError,
  type ManifestSource,
} from "@cloud-ledger/domain";

/**
 * Folders never searched for included files: git's store, Meltano's own install folder (plugin virtualenvs,
 * thousands of files) and node_modules. No project keeps its configuration there.
 */
export const SKIPPED_FOLDERS: readonly string[] = [".git", ".meltano", "node_modules"];

/**
 * A Meltano project folder as a ManifestSource. Files are listed once, on first use, without following
 * symbolic links (a link cycle cannot hang the walk); reads are confined to the folder. Links are listed, as git
 * lists them, but reading one (or a file over the size limit) throws ProjectFileRefusedError: a link could point
 * anywhere on this machine.
 */
export function readProjectFromDirectory(root: string): ManifestSource {
  const base = resolve(root);
  let files: readonly string[] | undefined;
  // Sizes of the files read so far; a parser may read a file more than once, which counts once.
  const counted = new Set<string>();
  let total = 0;
  return {
    listFiles: () => (files ??= listFilesUnder(base)),
    readFile: (path) => {
      const absolute = resolve(base, path);
      if (!isInside(base, absolute)) return undefined;
      const stat = lstatSync(absolute, { throwIfNoEntry: false });
      if (stat === undefined) return undefined;
      if (stat.isSymbolicLink()) throw new ProjectFileRefusedError(manifestIsALink(path));
      if (!stat.isFile()) return undefined;
      // A linked folder on the way (`a/` → `/etc`) would take the read outside the project without the file being a link.
      if (!isInside(realpathSync(base), realpathSync(absolute))) throw new ProjectFileRefusedError(manifestIsALink(path));
      if (stat.size > MANIFEST_FILE_BYTE_LIMIT) throw new ProjectFileRefusedError(manifestTooLarge(path, stat.size));
      if (!counted.has(path)) {
        counted.add(path);
        total += stat.size;
        if (total > MANIFEST_TOTAL_BYTE_LIMIT) throw new ProjectFileRefusedError(manifestTotalTooLarge(path, total));
      }
      try {
        return readFileSync(absolute, "utf8");
      } catch {
        return undefined;
      }
    },
  };
}

function isInside(base: string, absolute: string): boolean {
  const inside = relative(base, absolute);
  return inside !== "" && !inside.startsWith("..") && !isAbsolute(inside);
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
      } else if (stat?.isFile() === true || stat?.isSymbolicLink() === true) {
        files.push(relative(base, path).split(sep).join("/"));
      }
    }
  };
  walk(base);
  return files;
}
