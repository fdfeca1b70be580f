import { parseInterval } from "../schedule-timing/interval.js";
import { checkDisplayName } from "./display-name.js";
import type { EltSchedule, ManifestSchedule } from "./types.js";
import { at, type Location, type YamlReader } from "./yaml-reader.js";
import { echo } from "../echo.js";

const TRANSFORMS = ["run", "skip", "only"] as const;
const CLOUD_ANNOTATION = "meltano.cloud";

/**
 * One `schedules[i]` entry. With a `job` it is a job schedule and extractor/loader/transform/start_date are
 * ignored (core forces them to None); without one it is a legacy ELT schedule needing extractor and loader,
 * with transform defaulting to `skip` (rule 33).
 */
export function readSchedule(reader: YamlReader, node: unknown, location: Location): ManifestSchedule | undefined {
  const fields = reader.fields(node);
  if (fields === undefined) {
    reader.report(location, `Expected a schedule mapping with a name and an interval, got ${reader.describe(node)}`);
    return undefined;
  }
  const name = reader.requiredText(fields, "name", location, "Schedule");
  if (name === undefined || !checkDisplayName(reader, name, at(location, "name"), "The schedule name")) return undefined;
  const interval = readInterval(reader, fields, location, name);
  if (interval === undefined) return undefined;
  const cloudEnvironments = readCloudEnvironments(reader, fields.get("annotations"), at(location, "annotations"));
  const base = { name, interval, ...(cloudEnvironments === undefined ? {} : { cloudEnvironments }) };

  const job = reader.optionalText(fields, "job", location);
  if (job !== undefined && job !== "") {
    return checkDisplayName(reader, job, at(location, "job"), `The job of schedule '${name}'`) ? { ...base, kind: "job", job } : undefined;
  }

  const extractor = reader.requiredText(fields, "extractor", location, `Schedule '${echo(name)}'`);
  const loader = reader.requiredText(fields, "loader", location, `Schedule '${echo(name)}'`);
  const transform = readTransform(reader, fields, location, name);
  const startDate = reader.optionalText(fields, "start_date", location);
  if (extractor === undefined || loader === undefined || transform === undefined) return undefined;
  const schedule: EltSchedule = { ...base, kind: "elt", extractor, loader, transform, ...(startDate === undefined ? {} : { startDate }) };
  return schedule;
}

function readInterval(reader: YamlReader, fields: Map<string, unknown>, location: Location, name: string): string | undefined {
  const node = fields.get("interval");
  const text = node === undefined ? undefined : reader.text(node);
  // Core accepts an explicit `interval: null` (cron_interval is None): the schedule only runs on demand.
  if (text === null) return "@none";
  if (text === undefined) {
    reader.report(
      at(location, "interval"),
      `Schedule '${echo(name)}' has no interval: expected a cron expression or alias, got ${reader.describe(node)}`,
    );
    return undefined;
  }
  const parsed = parseInterval(text);
  if (!parsed.ok) reader.report(at(location, "interval"), parsed.error.message);
  return text;
}

function readTransform(
  reader: YamlReader,
  fields: Map<string, unknown>,
  location: Location,
  name: string,
): EltSchedule["transform"] | undefined {
  const text = reader.optionalText(fields, "transform", location) ?? "skip";
  const transform = TRANSFORMS.find((candidate) => candidate === text);
  if (transform === undefined) {
    reader.report(
      at(location, "transform"),
      `Schedule '${echo(name)}' has transform '${echo(text)}': expected one of ${TRANSFORMS.join(", ")}`,
    );
  }
  return transform;
}

/** `annotations: { meltano.cloud: { environments: [...] } }`; an absent or empty list means every environment (rule 21). */
function readCloudEnvironments(reader: YamlReader, node: unknown, location: Location): readonly string[] | undefined {
  const cloud = reader.fields(node)?.get(CLOUD_ANNOTATION);
  if (cloud === undefined || reader.resolve(cloud) === null) return undefined;
  const cloudLocation = at(location, CLOUD_ANNOTATION);
  const listNode = reader.fields(cloud)?.get("environments");
  if (listNode === undefined || reader.resolve(listNode) === null) return undefined;
  const listLocation = at(cloudLocation, "environments");
  const items = reader.items(listNode);
  if (items === undefined) {
    reader.report(listLocation, `Expected a list of environment names, got ${reader.describe(listNode)}`);
    return undefined;
  }
  const names: string[] = [];
  for (const [index, item] of items.entries()) {
    const text = reader.text(item);
    if (typeof text === "string" && text !== "") {
      if (checkDisplayName(reader, text, at(listLocation, index), "The environment name")) names.push(text);
    } else reader.report(at(listLocation, index), `Expected an environment name, got ${reader.describe(item)}`);
  }
  return names.length === 0 ? undefined : names;
}
