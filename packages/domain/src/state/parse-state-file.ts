import { left, right, type Either } from "fp-ts/lib/Either.js";
import { echo } from "../echo.js";
import { DomainErrors, type DomainErrorOf } from "../errors.js";
import type { JsonValue } from "../ports/event-store.js";
import { MAX_STATE_DEPTH, stateInputProblem } from "./state-content.js";

/**
 * A state file may be pretty-printed, so it may be larger than the canonical content it holds (MAX_STATE_BYTES); past
 * this it is refused before it is decoded or parsed.
 */
export const MAX_STATE_FILE_BYTES = 1024 * 1024;

type Invalid = DomainErrorOf<"state-invalid">;

/**
 * One linear pass over the JSON text before JSON.parse builds anything: nesting is refused past MAX_STATE_DEPTH (a
 * megabyte of `[` would otherwise become a deep structure first), and an integer beyond 2^53 - 1 is refused because
 * JavaScript would silently round it — a Python tap writes such bookmarks (log positions, ids) and Meltano keeps them
 * exact, so a rounded one would replay from the wrong place.
 */
function textProblem(text: string): string | undefined {
  let depth = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '"') {
      index += 1;
      while (index < text.length && text[index] !== '"') index += text[index] === "\\" ? 2 : 1;
      index += 1;
    } else if (char === "[" || char === "{") {
      depth += 1;
      if (depth > MAX_STATE_DEPTH) return `the state is nested deeper than ${MAX_STATE_DEPTH} levels`;
      index += 1;
    } else if (char === "]" || char === "}") {
      depth -= 1;
      index += 1;
    } else if (char === "-" || (char >= "0" && char <= "9")) {
      const start = index;
      while (index < text.length && /[-+0-9.eE]/.test(text[index]!)) index += 1;
      const token = text.slice(start, index);
      if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        return `the integer ${echo(token, 40)} is beyond 2^53 - 1 and would lose precision; write it as a string`;
      }
    } else {
      index += 1;
    }
  }
  return undefined;
}

/**
 * The content of a state file (`state set --file-path`): UTF-8 JSON within the bounds of state-content.ts, holding
 * `completed.singer_state`, `partial.singer_state` or a bare `singer_state`. Pure: the caller reads the bytes (at most
 * MAX_STATE_FILE_BYTES of them, so a huge file is never read whole). A typed error names what is wrong.
 */
export function parseStateFile(bytes: Uint8Array): Either<Invalid, JsonValue> {
  if (bytes.byteLength > MAX_STATE_FILE_BYTES) {
    return left(DomainErrors.stateInvalid(`the file is larger than ${MAX_STATE_FILE_BYTES} bytes`));
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return left(DomainErrors.stateInvalid("the file is not valid UTF-8"));
  }
  const scanned = textProblem(text);
  if (scanned !== undefined) return left(DomainErrors.stateInvalid(scanned));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return left(
      DomainErrors.stateInvalid(`the file is not JSON (${error instanceof Error ? JSON.stringify(echo(error.message)) : "parse error"})`),
    );
  }
  const problem = stateInputProblem(parsed);
  return problem === undefined ? right(parsed as JsonValue) : left(DomainErrors.stateInvalid(problem));
}
