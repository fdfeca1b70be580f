import { UsageError } from "./cli-errors.js";

export interface SecretValueOptions {
  readonly value?: string;
  readonly valueStdin?: boolean;
  readonly valueEnv?: string;
}

/** True when the value was typed on the command line, where `ps` and shell history show it. */
export function valueOnCommandLine(options: SecretValueOptions): boolean {
  return options.value !== undefined && options.value !== "-";
}

/**
 * The value from exactly one source: `--value-stdin` or `--value -` (all of standard input, less one final line
 * break, as `echo` or a here-string adds one), `--value-env NAME`, or `--value VALUE`.
 */
export async function readSecretValue(options: SecretValueOptions, stdin: AsyncIterable<unknown> = process.stdin): Promise<string> {
  const fromStdin = options.valueStdin === true || options.value === "-";
  const sources = [fromStdin, options.valueEnv !== undefined, valueOnCommandLine(options)].filter(Boolean).length;
  if (sources === 0) throw new UsageError("give the value with --value-stdin, --value-env NAME or --value VALUE");
  if (sources > 1) throw new UsageError("give the value one way only: --value-stdin (or --value -), --value-env NAME or --value VALUE");
  if (fromStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  }
  if (options.valueEnv !== undefined) {
    // Never echo the name: a value pasted by mistake in its place must not end up in an error message.
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.valueEnv)) throw new UsageError("--value-env takes the name of an environment variable (letters, digits and _)");
    const value = process.env[options.valueEnv];
    if (value === undefined) throw new UsageError("the environment variable named by --value-env is not set");
    return value;
  }
  return options.value ?? "";
}
