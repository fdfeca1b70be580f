import type { ManifestError } from "./types.js";
import { readYamlFile } from "./yaml-file.js";
import { at, YamlReader, type Location } from "./yaml-reader.js";

/** A node found in one of the project's files, with the reader that can resolve its aliases. */
export interface LocatedNode {
  readonly node: unknown;
  readonly location: Location;
  readonly reader: YamlReader;
}

/** The merged top level of `meltano.yml` and its included files, as far as schedules and environments need it. */
export interface ProjectSections {
  readonly projectId: LocatedNode | undefined;
  readonly defaultEnvironment: LocatedNode | undefined;
  readonly environments: readonly LocatedNode[];
  readonly jobs: readonly LocatedNode[];
  readonly schedules: readonly LocatedNode[];
  readonly readers: readonly YamlReader[];
}

export const LIST_SECTIONS = ["environments", "jobs", "schedules"] as const;
const SCALAR_SECTIONS = { project_id: "projectId", default_environment: "defaultEnvironment" } as const;

/** One project file's top-level mapping, or a located error when the file is not a mapping. */
export function readTopLevel(
  file: string,
  text: string,
): { reader: YamlReader; fields: Map<string, unknown> | undefined; errors: readonly ManifestError[] } {
  const yaml = readYamlFile(file, text);
  const reader = new YamlReader(yaml.doc);
  const mergeError = reader.expandMerges(file);
  if (mergeError !== undefined) return { reader, fields: undefined, errors: [...yaml.errors, mergeError] };
  const fields = reader.fields(yaml.doc.contents);
  if (fields === undefined && yaml.errors.length === 0) {
    reader.report(
      { file, path: [] },
      `A Meltano project file must be a mapping of top-level keys, got ${reader.describe(yaml.doc.contents)}`,
    );
  }
  return { reader, fields, errors: yaml.errors };
}

/**
 * Merges files the way Meltano's `deep_merge` does for these keys: lists are concatenated in file order,
 * scalars from later files override earlier ones. A null section counts as empty (Meltano would crash on it).
 */
export function mergeProjectFiles(
  files: readonly { file: string; reader: YamlReader; fields: Map<string, unknown> | undefined }[],
): ProjectSections {
  const lists: Record<(typeof LIST_SECTIONS)[number], LocatedNode[]> = { environments: [], jobs: [], schedules: [] };
  const scalars: { projectId?: LocatedNode; defaultEnvironment?: LocatedNode } = {};
  for (const { file, reader, fields } of files) {
    if (fields === undefined) continue;
    const root: Location = { file, path: [] };
    for (const key of LIST_SECTIONS) {
      const node = fields.get(key);
      if (node === undefined || reader.resolve(node) === null) continue;
      const items = reader.items(node);
      if (items === undefined) {
        reader.report(at(root, key), `Expected a list at ${key}, got ${reader.describe(node)}`);
        continue;
      }
      for (const [index, item] of items.entries()) lists[key].push({ node: item, location: at(root, key, index), reader });
    }
    for (const [key, target] of Object.entries(SCALAR_SECTIONS)) {
      if (fields.has(key)) scalars[target] = { node: fields.get(key), location: at(root, key), reader };
    }
  }
  return {
    projectId: scalars.projectId,
    defaultEnvironment: scalars.defaultEnvironment,
    ...lists,
    readers: files.map((file) => file.reader),
  };
}
