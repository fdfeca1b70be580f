import { parseDocument, type Document } from "yaml";
import type { ManifestError } from "./types.js";
import { formatYamlPath, pathAtOffset } from "./yaml-path.js";
import { echo } from "../echo.js";

/** One project file as a YAML document, with its syntax problems already located. */
export interface YamlFile {
  readonly file: string;
  readonly doc: Document;
  readonly errors: readonly ManifestError[];
}

/**
 * Parses with the YAML 1.2 core schema, so unquoted dates stay strings (`start_date: 2020-08-05T00:00:00Z`) and
 * `0010` is not octal; `<<` merge keys are honoured as PyYAML/ruamel do; duplicate keys are errors, as in ruamel.
 */
export function readYamlFile(file: string, text: string): YamlFile {
  const doc = parseDocument(text, { schema: "core", merge: true, uniqueKeys: true });
  const errors = doc.errors.map((error): ManifestError => {
    const [start] = error.pos;
    const path = pathAtOffset(doc, start);
    const summary = echo(error.message.split(":\n")[0] ?? error.message);
    const message =
      error.code === "DUPLICATE_KEY"
        ? `Duplicate key '${echo(String(path[path.length - 1] ?? ""))}': ${summary}`
        : `Invalid YAML near '${echo(lineAt(text, start))}': ${summary}`;
    return { file, path: formatYamlPath(path), message };
  });
  return { file, doc, errors };
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const end = text.indexOf("\n", offset);
  return text.slice(start, end < 0 ? undefined : end).trim();
}
