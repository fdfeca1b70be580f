import { checkDisplayName } from "./display-name.js";
import type { ManifestJob } from "./types.js";
import { at, type Location, type YamlReader } from "./yaml-reader.js";
import { echo } from "../echo.js";

/** One `jobs[i]` entry: `tasks` is a string, or a list of strings and lists of strings (schema `$defs.jobs`). */
export function readJob(reader: YamlReader, node: unknown, location: Location): ManifestJob | undefined {
  const fields = reader.fields(node);
  if (fields === undefined) {
    reader.report(location, `Expected a job mapping with a name and tasks, got ${reader.describe(node)}`);
    return undefined;
  }
  const name = reader.requiredText(fields, "name", location, "Job");
  if (name === undefined || !checkDisplayName(reader, name, at(location, "name"), "The job name")) return undefined;
  const tasksNode = fields.get("tasks");
  const tasksLocation = at(location, "tasks");
  const single = reader.text(tasksNode);
  if (typeof single === "string") return { name, tasks: [single] };
  const items = reader.items(tasksNode);
  if (items === undefined) {
    reader.report(tasksLocation, `Job '${echo(name)}' needs tasks: a string or a list, got ${reader.describe(tasksNode)}`);
    return { name, tasks: [] };
  }
  const tasks: (string | readonly string[])[] = [];
  for (const [index, item] of items.entries()) {
    const task = readTask(reader, item, at(tasksLocation, index), name);
    if (task !== undefined) tasks.push(task);
  }
  return { name, tasks };
}

function readTask(reader: YamlReader, node: unknown, location: Location, job: string): string | readonly string[] | undefined {
  const text = reader.text(node);
  if (typeof text === "string") return text;
  const items = reader.items(node);
  const parts = items?.map((item) => reader.text(item));
  if (parts !== undefined && parts.every((part): part is string => typeof part === "string")) return parts;
  reader.report(location, `A task of job '${echo(job)}' must be a string or a list of strings, got ${reader.describe(node)}`);
  return undefined;
}
