import { unsafeDisplayTextProblem } from "../naming/safe-text.js";
import type { Location, YamlReader } from "./yaml-reader.js";

/**
 * Checks a name read from `meltano.yml` (schedule, job, environment) with the domain's one rule for display text: a
 * control or bidi character is reported at its file and YAML path, naming the code point, and the name is dropped so
 * no later message echoes it. True when the name may be used.
 */
export function checkDisplayName(reader: YamlReader, name: string, location: Location, what: string): boolean {
  const problem = unsafeDisplayTextProblem(name, what);
  if (problem === undefined) return true;
  reader.report(location, `${problem}: names are printed in tables and audit trails, so they cannot hold control or bidi characters`);
  return false;
}
