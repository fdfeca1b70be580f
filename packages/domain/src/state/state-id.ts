import * as t from "io-ts";
import { echo } from "../echo.js";
import { codecProblems } from "../codec/primitives.js";
import { isCleanText } from "../integrity/json-value-guard.js";
import { unsafeDisplayTextProblem } from "../naming/safe-text.js";

/**
 * A state id is Meltano core's `<environment>:<extractor>-to-<loader>[:<suffix>]` (rule 51). It names a stream
 * (`state-<project key>.<state id>`, stores allow 500 characters) and is printed by `state list`, hence the bound and
 * the display check. Whitespace is refused: Meltano's names have none, and `dev:tap-a-to-target-b ` would otherwise be a
 * second bookmark nobody can tell from the first.
 */
export const MAX_STATE_ID_LENGTH = 255;

const DELIMITER = ":";
const PIPELINE = "-to-";
const FORM = "<environment>:<extractor>-to-<loader>[:<suffix>]";

/** Why `text` is not a state id (naming the part at fault), or undefined when it is one. */
export function stateIdProblem(text: string): string | undefined {
  const quoted = `State ID '${echo(text)}'`;
  if (text.length === 0) return "A state ID must not be empty";
  if (text.length > MAX_STATE_ID_LENGTH) return `${quoted} is longer than ${MAX_STATE_ID_LENGTH} characters`;
  if (!isCleanText(text)) return `${quoted} contains a NUL character or a lone surrogate`;
  const unsafe = unsafeDisplayTextProblem(text, quoted);
  if (unsafe !== undefined) return unsafe;
  if (/\s/.test(text)) return `${quoted} contains whitespace`;
  const first = text.indexOf(DELIMITER);
  if (first < 0) return `${quoted} must have the form ${FORM}`;
  const environment = text.slice(0, first);
  if (environment === "") return `${quoted} has an empty environment name (the form is ${FORM})`;
  const second = text.indexOf(DELIMITER, first + 1);
  const pipeline = second < 0 ? text.slice(first + 1) : text.slice(first + 1, second);
  // Plugin names cannot contain ':' (rule 51), so the pipeline ends at the next delimiter; what follows is the suffix.
  const split = pipeline.indexOf(PIPELINE);
  if (split <= 0 || split + PIPELINE.length >= pipeline.length) {
    return `${quoted} must name '<extractor>-to-<loader>' after the environment (the form is ${FORM})`;
  }
  if (second >= 0 && second === text.length - 1) return `${quoted} has an empty suffix after its last ':'`;
  return undefined;
}

/** The state id codec: every command and event that names a bookmark goes through it. */
export const StateId = new t.Type<string, string, unknown>(
  `a state ID of the form ${FORM} (at most ${MAX_STATE_ID_LENGTH} characters)`,
  (u): u is string => typeof u === "string" && stateIdProblem(u) === undefined,
  (u, c) => (typeof u === "string" && stateIdProblem(u) === undefined ? t.success(u) : t.failure(u, c)),
  t.identity,
);
codecProblems.set(StateId, (u) => (typeof u === "string" ? stateIdProblem(u) : "a state ID must be a string"));
