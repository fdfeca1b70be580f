import { checkDisplayName } from "./display-name.js";
import type { ManifestEnvironment } from "./types.js";
import { at, type Location, type YamlReader } from "./yaml-reader.js";
import { echo } from "../echo.js";

/** Core's rule (environment.py): the name is a state-ID component, so it cannot contain ':'. */
export function environmentNameError(name: string): string | undefined {
  return name.includes(":") ? `The environment name '${echo(name)}' cannot contain the state ID component delimiter string ':'` : undefined;
}

/** One `environments[i]` entry; `config`, `annotations` and other keys are Meltano's business, not ours. */
export function readEnvironment(reader: YamlReader, node: unknown, location: Location): ManifestEnvironment | undefined {
  const fields = reader.fields(node);
  if (fields === undefined) {
    reader.report(location, `Expected an environment mapping with a name, got ${reader.describe(node)}`);
    return undefined;
  }
  const name = reader.requiredText(fields, "name", location, "Environment");
  if (name === undefined || !checkDisplayName(reader, name, at(location, "name"), "The environment name")) return undefined;
  const nameError = environmentNameError(name);
  if (nameError !== undefined) reader.report(at(location, "name"), nameError);
  return { name, env: readEnv(reader, fields.get("env"), at(location, "env")) };
}

/** A string→string `env:` map; values written as numbers or booleans keep their spelling. */
export function readEnv(reader: YamlReader, node: unknown, location: Location): Readonly<Record<string, string>> {
  if (node === undefined || reader.resolve(node) === null) return {};
  const fields = reader.fields(node);
  if (fields === undefined) {
    reader.report(location, `Expected a mapping of variable names to strings at env, got ${reader.describe(node)}`);
    return {};
  }
  const entries: [string, string][] = [];
  for (const [key, value] of fields) {
    const text = reader.text(value);
    if (typeof text === "string") entries.push([key, text]);
    else reader.report(at(location, key), `Environment variable '${echo(key)}' must be a string, got ${reader.describe(value)}`);
  }
  // fromEntries defines own properties, so even a variable named `__proto__` is kept as data.
  return Object.fromEntries(entries);
}
