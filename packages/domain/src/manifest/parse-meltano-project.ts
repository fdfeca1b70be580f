import { MELTANO_FILE, resolveIncludePaths } from "./include-paths.js";
import { mergeProjectFiles, readTopLevel, type LocatedNode } from "./project-files.js";
import { environmentNameError, readEnvironment } from "./read-environment.js";
import { readJob } from "./read-job.js";
import { readSchedule } from "./read-schedule.js";
import type { ManifestError, ManifestParseResult, ManifestSource, ProjectManifest } from "./types.js";
import { validateManifest, type Located } from "./validate-manifest.js";
import { at, type Location, type YamlReader } from "./yaml-reader.js";
import { echo } from "../echo.js";

/**
 * Parses a Meltano project — `meltano.yml` plus every file its `include_paths` match — into one manifest,
 * with every problem Meltano would reject as a located error (file, YAML path, offending value). Pure: all
 * reading goes through `source`. Never throws on bad input; the manifest holds whatever could be read. (A source may
 * throw ProjectFileRefusedError from `readFile` to stop at a file it will not read; that reaches the caller.)
 */
export function parseMeltanoProject(source: ManifestSource): ManifestParseResult {
  const rootText = source.readFile(MELTANO_FILE);
  if (rootText === undefined) {
    return { manifest: emptyManifest(), errors: [{ file: MELTANO_FILE, path: "", message: `No ${MELTANO_FILE} at the project root` }] };
  }
  const root = readTopLevel(MELTANO_FILE, rootText);
  const syntaxErrors: ManifestError[] = [...root.errors];
  const files = [{ file: MELTANO_FILE, ...root }];
  for (const path of includedPaths(root.reader, root.fields, source)) {
    const text = source.readFile(path);
    if (text === undefined) {
      root.reader.report({ file: MELTANO_FILE, path: ["include_paths"] }, `Included path '${echo(path)}' not found.`);
      continue;
    }
    const included = readTopLevel(path, text);
    syntaxErrors.push(...included.errors);
    files.push({ file: path, ...included });
  }

  const sections = mergeProjectFiles(files);
  const environments = readAll(sections.environments, readEnvironment);
  const jobs = readAll(sections.jobs, readJob);
  const schedules = readAll(sections.schedules, readSchedule);
  const projectId = readScalar(sections.projectId);
  const defaultEnvironment = readScalar(sections.defaultEnvironment);
  if (defaultEnvironment !== undefined) {
    const nameError = environmentNameError(defaultEnvironment.value);
    if (nameError !== undefined) sections.defaultEnvironment?.reader.report(defaultEnvironment.location, nameError);
  }
  const manifest: ProjectManifest = {
    ...(projectId === undefined ? {} : { projectId: projectId.value }),
    ...(defaultEnvironment === undefined ? {} : { defaultEnvironment: defaultEnvironment.value }),
    environments: environments.map((entry) => entry.value),
    jobs: jobs.map((entry) => entry.value),
    schedules: schedules.map((entry) => entry.value),
  };
  const errors = [
    ...syntaxErrors,
    ...sections.readers.flatMap((reader) => reader.errors),
    ...validateManifest({ environments, jobs, schedules, defaultEnvironment }),
  ];
  return { manifest, errors };
}

function includedPaths(reader: YamlReader, fields: Map<string, unknown> | undefined, source: ManifestSource): readonly string[] {
  const node = fields?.get("include_paths");
  if (node === undefined || reader.resolve(node) === null) return [];
  const location: Location = { file: MELTANO_FILE, path: ["include_paths"] };
  const items = reader.items(node);
  if (items === undefined) {
    reader.report(location, `Expected a list of glob patterns at include_paths, got ${reader.describe(node)}`);
    return [];
  }
  const patterns: string[] = [];
  const indexes: number[] = [];
  for (const [index, item] of items.entries()) {
    const text = reader.text(item);
    if (typeof text === "string" && text !== "") {
      patterns.push(text);
      indexes.push(index);
    } else {
      reader.report(at(location, index), `Expected a glob pattern, got ${reader.describe(item)}`);
    }
  }
  const resolved = resolveIncludePaths(patterns, source.listFiles());
  for (const { index, problem } of resolved.problems) {
    const where = {
      absolute: "must be relative to the project root",
      invalid: "is not a glob pattern that can be matched",
      "outside-root": "points outside the project root",
    }[problem];
    reader.report(at(location, indexes[index] ?? index), `Include pattern '${echo(patterns[index] ?? "")}' ${where}`);
  }
  return resolved.paths;
}

function readAll<T>(
  entries: readonly LocatedNode[],
  read: (reader: YamlReader, node: unknown, location: Location) => T | undefined,
): Located<T>[] {
  const values: Located<T>[] = [];
  for (const { node, location, reader } of entries) {
    const value = read(reader, node, location);
    if (value !== undefined) values.push({ value, location });
  }
  return values;
}

function readScalar(entry: LocatedNode | undefined): Located<string> | undefined {
  if (entry === undefined) return undefined;
  const text = entry.reader.text(entry.node);
  if (text === null || text === "") return undefined;
  if (text === undefined) {
    entry.reader.report(entry.location, `Expected a string, got ${entry.reader.describe(entry.node)}`);
    return undefined;
  }
  return { value: text, location: entry.location };
}

function emptyManifest(): ProjectManifest {
  return { environments: [], jobs: [], schedules: [] };
}
