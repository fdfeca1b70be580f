import { InvalidArgumentError } from "commander";

export const OUTPUT_FORMATS = ["terminal", "json", "markdown"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseOutputFormat(value: string): OutputFormat {
  const format = OUTPUT_FORMATS.find((candidate) => candidate === value);
  if (format === undefined) throw new InvalidArgumentError(`Allowed choices are ${OUTPUT_FORMATS.join(", ")}.`);
  return format;
}
