import { StringDecoder } from "node:string_decoder";
import { NdjsonFormatError } from "./ndjson-format.js";

/** A guard against a file with no line breaks filling memory. */
export const MAX_LINE_LENGTH = 64 * 1024 * 1024;

/**
 * The longest event line an import accepts, in characters (1 MiB): far above any event the command handler writes
 * (a deployment's manifest summary is a few KiB), and low enough that a huge field is refused, not stored.
 */
export const MAX_EVENT_LINE_LENGTH = 1024 * 1024;

export interface NumberedLine {
  readonly text: string;
  /** 1-based. */
  readonly number: number;
}

/**
 * Splits a byte or text stream into lines. The generator only pulls the next chunk when its consumer asks for
 * the next line, so a slow consumer holds back the source (back-pressure) and memory stays at one chunk plus one
 * line. Each chunk is scanned once and a long line's pieces are joined once, so tiny chunks cost no more than big
 * ones. A final line without a trailing newline is still yielded.
 */
export async function* readLines(input: AsyncIterable<unknown>, maxLength = MAX_LINE_LENGTH): AsyncGenerator<NumberedLine> {
  const decoder = new StringDecoder("utf8");
  let pieces: string[] = [];
  let pending = 0;
  let number = 0;
  for await (const chunk of input) {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
      pieces.push(text.slice(start, newline));
      number += 1;
      if (pending + newline - start > maxLength) throw tooLong(number, maxLength);
      const line = pieces.length === 1 ? pieces[0]! : pieces.join("");
      pieces = [];
      pending = 0;
      start = newline + 1;
      yield { text: line, number };
    }
    if (start < text.length) {
      pieces.push(start === 0 ? text : text.slice(start));
      pending += text.length - start;
      if (pending > maxLength) throw tooLong(number + 1, maxLength);
    }
  }
  const last = pieces.join("") + decoder.end();
  if (last.length > maxLength) throw tooLong(number + 1, maxLength);
  if (last.length > 0) yield { text: last, number: number + 1 };
}

function tooLong(line: number, maxLength: number): NdjsonFormatError {
  return new NdjsonFormatError(line, `the line is longer than ${maxLength} characters, the most this reader accepts`);
}
